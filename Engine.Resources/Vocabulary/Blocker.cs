namespace Engine.Resources;

/// <summary>
/// Why a resource in the way of a destruction is where it is. The first five are root causes: what must be released,
/// waited for or fixed (<see cref="ResourceRegistry.GetBlockers"/> reports only those). The last three describe the
/// links of a blocked chain as the snapshot analysis shows them. One classifier decides, for the live registry and for
/// snapshots alike: <see cref="BlockReasons.Classify"/>; the words for each are in <see cref="BlockReasons"/>.
/// </summary>
public enum BlockReason : byte
{
    /// <summary>A descendant nobody asked to destroy.</summary>
    LiveChild,

    /// <summary>An explicit-release descendant its owner has not released; a cascade does not take it.</summary>
    ExplicitRelease,

    /// <summary>A descendant (or the resource itself) still used by GPU work in flight.</summary>
    GpuInFlight,

    /// <summary>A descendant (or the resource itself) whose destroy callback threw.</summary>
    Faulted,

    /// <summary>A resource that depends on the resource (or on a descendant) through <see cref="ResourceRegistry.AddDependency"/>
    /// and must be destroyed first; it belongs to another parent, so no cascade here reaches it.</summary>
    Dependent,

    /// <summary>A link of a chain: pending, with children of its own that must go first.</summary>
    HeldByChildren,

    /// <summary>A link of a chain: pending, no children left, but resources that depend on it must go first.</summary>
    HeldByDependents,

    /// <summary>Pending with nothing in the way: destroyed at the next update.</summary>
    Ready,
}

/// <summary>One resource that keeps a pending resource alive, and why (always a root cause).</summary>
public readonly record struct Blocker(ResourceHandle Resource, BlockReason Reason);
