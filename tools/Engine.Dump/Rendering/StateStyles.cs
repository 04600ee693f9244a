using Engine.Resources;
using Engine.Resources.Snapshots;
using Spectre.Console;

namespace Engine.Dump.Rendering;

/// <summary>Terminal colors per state (ignored when output is not a terminal).</summary>
public static class StateStyles
{
    public static Style Of(ResourceState state) => state switch
    {
        ResourceState.Alive => new Style(Color.Green),
        ResourceState.Pending => new Style(Color.Yellow),
        ResourceState.Blocked => new Style(Color.Orange1),
        ResourceState.WaitingForGpu => new Style(Color.DeepSkyBlue1),
        ResourceState.Faulted => new Style(Color.Red, decoration: Decoration.Bold),
        _ => Style.Plain,
    };
}
