namespace Engine.Analysis;

/// <summary>Why a resource in a blocked chain is where it is.</summary>
public enum BlockCause
{
    /// <summary>An alive child its owner has not released.</summary>
    LiveChild,

    /// <summary>An alive child marked explicit release: a cascade never destroys it.</summary>
    ExplicitRelease,

    /// <summary>Pending, but GPU work that uses it has not completed.</summary>
    GpuInFlight,

    /// <summary>Its destroy callback threw; its ancestors stay blocked.</summary>
    Faulted,

    /// <summary>Pending with children of its own that must go first.</summary>
    HeldByChildren,

    /// <summary>Pending, no children left, but resources that depend on it (owned elsewhere) must go first.</summary>
    HeldByDependents,

    /// <summary>A resource that depends on a pending one and must be destroyed before it.</summary>
    Dependent,

    /// <summary>Pending with nothing in the way: destroyed at the next update.</summary>
    Ready,
}

/// <summary>The words for root causes: resdump's <c>--cause</c> and <c>--fail-on</c>, its JSON and the inspector's.</summary>
public static class BlockCauseNames
{
    /// <summary>Root causes by name.</summary>
    public static readonly IReadOnlyDictionary<string, BlockCause> ByName = new Dictionary<string, BlockCause>
    {
        ["live-child"] = BlockCause.LiveChild,
        ["explicit-release"] = BlockCause.ExplicitRelease,
        ["gpu"] = BlockCause.GpuInFlight,
        ["faulted"] = BlockCause.Faulted,
        ["dependent"] = BlockCause.Dependent,
    };

    /// <summary>The name of a cause; chain links (held by children or dependents, ready) have names too, for JSON.</summary>
    public static string Of(BlockCause cause) => cause switch
    {
        BlockCause.HeldByChildren => "held-by-children",
        BlockCause.HeldByDependents => "held-by-dependents",
        BlockCause.Ready => "ready",
        _ => ByName.First(c => c.Value == cause).Key,
    };
}
