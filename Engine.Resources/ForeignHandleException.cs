namespace Engine.Resources;

/// <summary>A handle was used with a registry that did not issue it.</summary>
public sealed class ForeignHandleException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="handle"/>, issued by another registry;
    /// <paramref name="message"/> explains the mismatch.</summary>
    public ForeignHandleException(ResourceHandle handle, string message)
        : base(message) => Handle = handle;

    /// <summary>The handle that was used.</summary>
    public ResourceHandle Handle { get; }
}
