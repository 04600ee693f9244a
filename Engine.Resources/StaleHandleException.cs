namespace Engine.Resources;

/// <summary>A handle named a resource that was destroyed (or never existed in this registry). The message names the
/// call that used the handle and, while the resource's slot has not been used again, the resource's kind and name.</summary>
public sealed class StaleHandleException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="handle"/>; <paramref name="message"/> says why it cannot be
    /// used.</summary>
    public StaleHandleException(ResourceHandle handle, string message)
        : base(message)
    {
        Handle = handle;
    }

    /// <summary>The handle that could not be used: null, stale, not yet created, or of another payload type.</summary>
    public ResourceHandle Handle { get; }
}
