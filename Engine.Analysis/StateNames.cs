using Engine.Resources.Snapshots;

namespace Engine.Analysis;

/// <summary>The words for states, on resdump's command line, in its output and in the inspector's JSON.</summary>
public static class StateNames
{
    public static readonly string[] All = ["alive", "pending", "blocked", "waiting", "faulted"];

    public static string Of(SnapshotState state) => state switch
    {
        SnapshotState.Alive => "alive",
        SnapshotState.Pending => "pending",
        SnapshotState.Blocked => "blocked",
        SnapshotState.WaitingForGpu => "waiting for GPU",
        SnapshotState.Faulted => "faulted",
        _ => $"state {(byte)state}",
    };

    /// <summary>The stable token of a state in JSON output: the word <c>--state</c> takes.</summary>
    public static string Token(SnapshotState state) => state switch
    {
        SnapshotState.Alive => "alive",
        SnapshotState.Pending => "pending",
        SnapshotState.Blocked => "blocked",
        SnapshotState.WaitingForGpu => "waiting",
        SnapshotState.Faulted => "faulted",
        _ => $"state-{(byte)state}",
    };

    /// <summary>The state a word names (any case); false for an unknown word.</summary>
    public static bool TryParse(string text, out SnapshotState state)
    {
        SnapshotState? known = text.ToLowerInvariant() switch
        {
            "alive" => SnapshotState.Alive,
            "pending" => SnapshotState.Pending,
            "blocked" => SnapshotState.Blocked,
            "waiting" or "waiting-for-gpu" or "waitingforgpu" => SnapshotState.WaitingForGpu,
            "faulted" => SnapshotState.Faulted,
            _ => null,
        };
        state = known.GetValueOrDefault();
        return known.HasValue;
    }
}
