using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkImageView; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct ImageViewResource(ImageView Handle) : IVulkanKind<ImageViewResource>
{
    static void IVulkanKind<ImageViewResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<ImageViewResource, DeviceResource>("VkImageView", Destroy);

    /// <summary>Destroys the VkImageView with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref ImageViewResource view, ref DeviceResource device) =>
        device.Api.DestroyImageView(device.Handle, view.Handle, null);
}
