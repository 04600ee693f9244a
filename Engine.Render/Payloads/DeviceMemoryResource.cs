using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDeviceMemory allocation; freed with the nearest DeviceResource ancestor. Resources bound to it sit below it, so they are destroyed first.</summary>
public readonly record struct DeviceMemoryResource(DeviceMemory Handle, ulong Size) : IVulkanKind<DeviceMemoryResource>
{
    static void IVulkanKind<DeviceMemoryResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<DeviceMemoryResource, DeviceResource>("VkDeviceMemory", Destroy);

    /// <summary>
    /// Frees the VkDeviceMemory with its nearest device ancestor; the images and buffers bound to it, its children,
    /// are already destroyed.
    /// </summary>
    private static unsafe void Destroy(ref DeviceMemoryResource memory, ref DeviceResource device) =>
        device.Api.FreeMemory(device.Handle, memory.Handle, null);
}
