using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkImage; destroyed with the nearest DeviceResource ancestor. Its views sit below it.</summary>
public readonly record struct ImageResource(Image Handle, Format Format, Extent3D Extent) : IVulkanKind<ImageResource>
{
    static void IVulkanKind<ImageResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<ImageResource, DeviceResource>("VkImage", Destroy);

    /// <summary>Destroys the VkImage with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref ImageResource image, ref DeviceResource device) =>
        device.Api.DestroyImage(device.Handle, image.Handle, null);
}
