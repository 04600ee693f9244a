namespace Engine.Resources;

/// <summary>A handle named a resource that was destroyed (or never existed in this registry).</summary>
public sealed class StaleHandleException : InvalidOperationException
{
    public StaleHandleException(ResourceHandle handle, string message)
        : base(message)
    {
        Handle = handle;
    }

    public ResourceHandle Handle { get; }
}
