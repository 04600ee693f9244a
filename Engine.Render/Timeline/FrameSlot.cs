using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Timeline;

/// <summary>One frame in flight: its fence and the timeline value of the submission that fence guards.</summary>
internal struct FrameSlot
{
    public ResourceHandle<FenceResource> FenceResource;
    public Fence Fence;

    /// <summary>Timeline value of the last submission on this slot; 0 when never submitted.</summary>
    public ulong Value;
}
