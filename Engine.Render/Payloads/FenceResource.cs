using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkFence; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct FenceResource(Fence Handle) : IVulkanKind<FenceResource>
{
    static void IVulkanKind<FenceResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<FenceResource, DeviceResource>("VkFence", Destroy);

    /// <summary>Destroys the VkFence with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref FenceResource fence, ref DeviceResource device) =>
        device.Api.DestroyFence(device.Handle, fence.Handle, null);
}
