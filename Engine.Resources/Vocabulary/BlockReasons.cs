namespace Engine.Resources;

/// <summary>
/// The one classifier of blocking and its words: used by <see cref="ResourceRegistry.GetBlockers"/>, by the snapshot
/// analysis behind resdump and the inspector, and by their JSON (the tokens are what resdump's <c>--cause</c> and
/// <c>--fail-on</c> take).
/// </summary>
public static class BlockReasons
{
    /// <summary>The reasons that end a chain: what must be released, waited for or fixed.</summary>
    public static IReadOnlyList<BlockReason> RootCauses { get; } =
        [BlockReason.LiveChild, BlockReason.ExplicitRelease, BlockReason.GpuInFlight, BlockReason.Faulted, BlockReason.Dependent];

    /// <summary>True for the five reasons that end a chain (what <see cref="ResourceRegistry.GetBlockers"/> reports).</summary>
    public static bool IsRootCause(BlockReason reason) => reason <= BlockReason.Dependent;

    /// <summary>
    /// Why a resource reached from a pending one is where it is. <paramref name="underRequestedCascade"/>: its parent's
    /// cascade was requested but not yet applied (from another thread), so the next update takes it. A dependent of a
    /// resource is not classified here: every dependent of a resource in the way is itself a
    /// <see cref="BlockReason.Dependent"/> blocker, whatever its state.
    /// </summary>
    public static BlockReason Classify(ResourceState state, bool isExplicitRelease, bool hasChildren, bool hasDependents, bool underRequestedCascade = false) => state switch
    {
        ResourceState.Alive when isExplicitRelease => BlockReason.ExplicitRelease,
        ResourceState.Alive when underRequestedCascade => BlockReason.Ready,
        ResourceState.Alive => BlockReason.LiveChild,
        ResourceState.Faulted => BlockReason.Faulted,
        _ when hasChildren => BlockReason.HeldByChildren,
        _ when hasDependents => BlockReason.HeldByDependents,
        ResourceState.WaitingForGpu => BlockReason.GpuInFlight,
        _ => BlockReason.Ready,
    };

    /// <summary>The stable token: <c>live-child</c>, <c>explicit-release</c>, <c>gpu</c>, <c>faulted</c>,
    /// <c>dependent</c>, <c>held-by-children</c>, <c>held-by-dependents</c>, <c>ready</c>.</summary>
    public static string Token(BlockReason reason) => reason switch
    {
        BlockReason.LiveChild => "live-child",
        BlockReason.ExplicitRelease => "explicit-release",
        BlockReason.GpuInFlight => "gpu",
        BlockReason.Faulted => "faulted",
        BlockReason.Dependent => "dependent",
        BlockReason.HeldByChildren => "held-by-children",
        BlockReason.HeldByDependents => "held-by-dependents",
        BlockReason.Ready => "ready",
        _ => $"reason-{(byte)reason}",
    };

    /// <summary>The root cause a token names (exact, lower case); false for anything else.</summary>
    public static bool TryParseRootCause(string token, out BlockReason reason)
    {
        foreach (BlockReason cause in RootCauses)
        {
            if (Token(cause) == token)
            {
                reason = cause;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>What the reason means for the resource, in words; callers add the facts they have (timeline value,
    /// fault message, how many children).</summary>
    public static string Explain(BlockReason reason) => reason switch
    {
        BlockReason.LiveChild => "live child: its owner has not released it",
        BlockReason.ExplicitRelease => "explicit release: a cascade never destroys it; release it explicitly",
        BlockReason.GpuInFlight => "waits for GPU work to complete",
        BlockReason.Faulted => "destroy callback failed",
        BlockReason.Dependent => "depends on a pending resource: destroyed first, by its own owner",
        BlockReason.HeldByChildren => "held by its children",
        BlockReason.HeldByDependents => "held by what depends on it",
        _ => "destroyed at the next update",
    };

    /// <summary>How a count of root causes reads in a summary: "2 live children", "1 GPU wait".</summary>
    public static string Count(BlockReason reason, int count)
    {
        (string one, string many) = reason switch
        {
            BlockReason.LiveChild => ("live child", "live children"),
            BlockReason.ExplicitRelease => ("explicit-release resource", "explicit-release resources"),
            BlockReason.GpuInFlight => ("GPU wait", "GPU waits"),
            BlockReason.Faulted => ("fault", "faults"),
            BlockReason.Dependent => ("dependent", "dependents"),
            BlockReason.HeldByChildren => ("resource held by children", "resources held by children"),
            BlockReason.HeldByDependents => ("resource held by dependents", "resources held by dependents"),
            _ => ("ready resource", "ready resources"),
        };
        return $"{count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
    }
}
