using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkBuffer; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct BufferResource(Silk.NET.Vulkan.Buffer Handle, ulong Size) : IVulkanKind<BufferResource>
{
    static void IVulkanKind<BufferResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<BufferResource, DeviceResource>("VkBuffer", Destroy);

    /// <summary>Destroys the VkBuffer with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref BufferResource buffer, ref DeviceResource device) =>
        device.Api.DestroyBuffer(device.Handle, buffer.Handle, null);
}
