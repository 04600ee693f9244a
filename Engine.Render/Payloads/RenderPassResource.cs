using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkRenderPass; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct RenderPassResource(RenderPass Handle) : IVulkanKind<RenderPassResource>
{
    static void IVulkanKind<RenderPassResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<RenderPassResource, DeviceResource>("VkRenderPass", Destroy);

    /// <summary>Destroys the VkRenderPass with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref RenderPassResource pass, ref DeviceResource device) =>
        device.Api.DestroyRenderPass(device.Handle, pass.Handle, null);
}
