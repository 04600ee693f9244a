namespace Engine.Resources.Lifecycle;

/// <summary>A resource's lifecycle component. Written only through <see cref="ResourceLifecycle"/>.</summary>
internal struct LifecycleRecord
{
    public ResourceState State;

    /// <summary>The strongest destruction mode requested so far (0 = none).</summary>
    public DestroyMode Requested;

    /// <summary>The GPU timeline value of the last submission that uses the resource (0 = none).</summary>
    public ulong LastGpuUse;

    /// <summary>The destroy callback's error, while <see cref="State"/> is Faulted.</summary>
    public string? Fault;
}
