using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkFramebuffer; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct FramebufferResource(Framebuffer Handle) : IVulkanKind<FramebufferResource>
{
    static void IVulkanKind<FramebufferResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<FramebufferResource, DeviceResource>("VkFramebuffer", Destroy);

    /// <summary>Destroys the VkFramebuffer with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref FramebufferResource framebuffer, ref DeviceResource device) =>
        device.Api.DestroyFramebuffer(device.Handle, framebuffer.Handle, null);
}
