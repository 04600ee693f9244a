namespace Engine.Render.Frames;

/// <summary>Size of the offscreen target and how many frames may be in flight.</summary>
public sealed record FrameLoopOptions
{
    public uint Width { get; init; } = 512;

    public uint Height { get; init; } = 512;

    public int FramesInFlight { get; init; } = 2;
}
