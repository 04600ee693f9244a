using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// A VkDescriptorPool. Its descriptor sets sit below it; they are freed one by one only when the pool
/// was created with FREE_DESCRIPTOR_SET, otherwise all at once when the pool is destroyed.
/// </summary>
public readonly record struct DescriptorPoolResource(DescriptorPool Handle, Vk Api, Device Device, bool FreesIndividualSets) : IVulkanKind<DescriptorPoolResource>
{
    static void IVulkanKind<DescriptorPoolResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<DescriptorPoolResource, DeviceResource>("VkDescriptorPool", Destroy);

    /// <summary>Destroys the VkDescriptorPool with its nearest device ancestor, freeing any sets still allocated from it.</summary>
    private static unsafe void Destroy(ref DescriptorPoolResource pool, ref DeviceResource device) =>
        device.Api.DestroyDescriptorPool(device.Handle, pool.Handle, null);
}
