using Engine.Render.Frames;
using Engine.Resources;

namespace Engine.Tests.Render;

/// <summary>
/// For zero-allocation frame tests: pools and tables grow to the most resources ever alive at once, which depends on
/// how far the GPU lags (up to the frames in flight). A GPU that kept pace during a warm-up and falls behind later (a
/// loaded machine) would make them grow inside the measured frames. Holding a frame's transients in use six
/// submissions ahead keeps more frames alive than any lag can, so a warm-up that does it for a few frames meets the
/// high-water mark whatever the GPU's pace.
/// </summary>
internal static class LagWarmup
{
    public const int HeldSubmissions = 6;

    /// <summary>Marks the last frame's transient memory in use until <see cref="HeldSubmissions"/> submissions later.</summary>
    public static void HoldLastTransients(ResourceRegistry registry, HeadlessFrameLoop loop)
    {
        TransientResources held = loop.LastTransients;
        registry.MarkInUse([held.Vertices.Memory, held.Uniforms.Memory, held.Scratch.Memory], loop.Timeline.LastSubmitted + HeldSubmissions);
    }
}
