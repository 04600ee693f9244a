namespace Engine.Render.Frames;

/// <summary>Size of the offscreen target and how many frames may be in flight.</summary>
public sealed record FrameLoopOptions
{
    /// <summary>Width of each frame slot's offscreen colour target, in pixels (default 512).</summary>
    public uint Width { get; init; } = 512;

    /// <summary>Height of each frame slot's offscreen colour target, in pixels (default 512).</summary>
    public uint Height { get; init; } = 512;

    /// <summary>
    /// How many frames the CPU may record ahead of the GPU (at least 1, default 2); each slot gets its own fence,
    /// render target, command buffer and semaphore.
    /// </summary>
    public int FramesInFlight { get; init; } = 2;
}
