namespace Engine.Resources.Lifecycle;

/// <summary>
/// A resource's lifecycle component. Written only through <see cref="ResourceLifecycle"/>. Holds no references, so
/// writing it needs no GC barrier and a full GC has nothing to scan in it (fault texts are kept aside).
/// </summary>
internal struct LifecycleRecord
{
    public ResourceState State;

    /// <summary>The strongest destruction mode requested so far (0 = none).</summary>
    public DestroyMode Requested;

    /// <summary>Live resources that depend on this one (besides its children): it is not destroyed while any remains.
    /// Fits in the record's padding, so the check costs no extra memory access.</summary>
    public int Dependents;

    /// <summary>The GPU timeline value of the last submission that uses the resource (0 = none).</summary>
    public ulong LastGpuUse;
}
