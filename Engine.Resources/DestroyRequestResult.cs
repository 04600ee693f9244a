namespace Engine.Resources;

/// <summary>What <see cref="ResourceRegistry.RequestDestroy"/> did with a request.</summary>
public enum DestroyRequestResult : byte
{
    /// <summary>The request was queued and applies at the next update.</summary>
    Queued,

    /// <summary>The same (or a stronger) request was already made: nothing changes.</summary>
    AlreadyPending,

    /// <summary>The handle names a destroyed resource, or none: nothing changes.</summary>
    Stale,
}
