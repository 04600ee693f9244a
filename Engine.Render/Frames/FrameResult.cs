using Engine.Resources;

namespace Engine.Render.Frames;

/// <summary>What one frame did: its timeline value, what the GPU had finished, what the registry destroyed.</summary>
public readonly record struct FrameResult(
    long Frame,
    ulong TimelineValue,
    ulong CompletedValue,
    UpdateResult Update,
    int Created,
    int LiveResources)
{
    /// <summary>
    /// True when nothing was rendered because there was nothing to present to (a minimised window, a zero-sized
    /// surface): only the registry's update ran. The caller waits for the window before the next call.
    /// </summary>
    public bool Paused { get; init; }
}
