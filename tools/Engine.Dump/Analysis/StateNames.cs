using Engine.Resources.Snapshots;

namespace Engine.Dump.Analysis;

/// <summary>The words the tool uses for states, on the command line and in output.</summary>
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

    public static SnapshotState Parse(string text) => text.ToLowerInvariant() switch
    {
        "alive" => SnapshotState.Alive,
        "pending" => SnapshotState.Pending,
        "blocked" => SnapshotState.Blocked,
        "waiting" or "waiting-for-gpu" or "waitingforgpu" => SnapshotState.WaitingForGpu,
        "faulted" => SnapshotState.Faulted,
        _ => throw new UsageException($"unknown state '{text}' (expected one of: {string.Join(", ", All)})"),
    };
}
