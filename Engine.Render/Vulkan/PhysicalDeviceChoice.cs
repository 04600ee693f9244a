using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>
/// The physical device picked for rendering, its graphics+compute queue family, and the family uploads go through:
/// a dedicated transfer family (transfer without graphics or compute: the DMA engines of discrete GPUs) when the device
/// has one, else the graphics family itself.
/// </summary>
public readonly record struct PhysicalDeviceChoice(
    PhysicalDevice Device,
    uint QueueFamily,
    PhysicalDeviceType Type,
    string Name,
    uint ApiVersion,
    uint TransferQueueFamily)
{
    /// <summary>Whether uploads go through a queue family of their own, so images change family on the way.</summary>
    public bool HasDedicatedTransferFamily => TransferQueueFamily != QueueFamily;
}
