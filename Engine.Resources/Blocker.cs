namespace Engine.Resources;

/// <summary>Why a <see cref="Blocker"/> keeps a pending resource from being destroyed.</summary>
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
}

/// <summary>One resource that keeps a pending resource alive, and why.</summary>
public readonly record struct Blocker(ResourceHandle Resource, BlockReason Reason);
