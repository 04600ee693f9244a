using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// A VkCommandPool. It carries its device and API because its command buffers are freed with the
/// pool as their context (vkFreeCommandBuffers needs both).
/// </summary>
public readonly record struct CommandPoolResource(CommandPool Handle, Vk Api, Device Device) : IVulkanKind<CommandPoolResource>
{
    static void IVulkanKind<CommandPoolResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<CommandPoolResource, DeviceResource>("VkCommandPool", Destroy);

    /// <summary>Destroys the VkCommandPool with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref CommandPoolResource pool, ref DeviceResource device) =>
        device.Api.DestroyCommandPool(device.Handle, pool.Handle, null);
}
