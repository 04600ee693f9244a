using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// The VkDevice. It carries the API so that every descendant's destroy callback, which receives the
/// nearest DeviceResource, has all it needs to destroy itself.
/// </summary>
public readonly record struct DeviceResource(Vk Api, Device Handle, PhysicalDevice Physical) : IVulkanKind<DeviceResource>
{
    static void IVulkanKind<DeviceResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<DeviceResource, InstanceResource>("VkDevice", Destroy);

    /// <summary>
    /// Waits for the device to go idle, since queue work may still reference it, then destroys the VkDevice. Its
    /// instance ancestor is still alive.
    /// </summary>
    private static unsafe void Destroy(ref DeviceResource device, ref InstanceResource instance)
    {
        // Every child is gone, but queue work may still reference the device itself.
        device.Api.DeviceWaitIdle(device.Handle);
        device.Api.DestroyDevice(device.Handle, null);
    }
}
