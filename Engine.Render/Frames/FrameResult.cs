using Engine.Resources;

namespace Engine.Render.Frames;

/// <summary>What one frame did: its timeline value, what the GPU had finished, what the registry destroyed.</summary>
public readonly record struct FrameResult(
    long Frame,
    ulong TimelineValue,
    ulong CompletedValue,
    UpdateResult Update,
    int Created,
    int LiveResources);
