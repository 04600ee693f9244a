using Engine.Resources.Snapshots;
using Spectre.Console;

namespace Engine.Dump.Rendering;

/// <summary>Terminal colors per state (ignored when output is not a terminal).</summary>
public static class StateStyles
{
    public static Style Of(SnapshotState state) => state switch
    {
        SnapshotState.Alive => new Style(Color.Green),
        SnapshotState.Pending => new Style(Color.Yellow),
        SnapshotState.Blocked => new Style(Color.Orange1),
        SnapshotState.WaitingForGpu => new Style(Color.DeepSkyBlue1),
        SnapshotState.Faulted => new Style(Color.Red, decoration: Decoration.Bold),
        _ => Style.Plain,
    };
}
