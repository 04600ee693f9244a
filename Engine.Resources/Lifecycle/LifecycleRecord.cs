using System.Runtime.InteropServices;

namespace Engine.Resources.Lifecycle;

/// <summary>
/// A resource's lifecycle component. Written only through <see cref="ResourceLifecycle"/>. Holds no references, so
/// writing it needs no GC barrier and a full GC has nothing to scan in it (fault texts are kept aside). Packed to 4
/// bytes so that it follows the links without padding; dependents are counted by <see cref="Ownership.Dependencies"/>,
/// the one owner of dependency edges.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct LifecycleRecord
{
    /// <summary>The GPU timeline value of the last submission that uses the resource (0 = none).</summary>
    public ulong LastGpuUse;

    public ResourceState State;

    /// <summary>The strongest destruction mode requested so far (0 = none).</summary>
    public DestroyMode Requested;

    /// <summary>A cascade was requested on this resource and not expanded yet: its descendants are requested too
    /// (every one a cascade would enter), though their own records still read Alive. Fits in the padding.</summary>
    public bool Deferred;
}
