using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDescriptorSetLayout; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct DescriptorSetLayoutResource(DescriptorSetLayout Handle) : IVulkanKind<DescriptorSetLayoutResource>
{
    static void IVulkanKind<DescriptorSetLayoutResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<DescriptorSetLayoutResource, DeviceResource>("VkDescriptorSetLayout", Destroy);

    /// <summary>Destroys the VkDescriptorSetLayout with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref DescriptorSetLayoutResource layout, ref DeviceResource device) =>
        device.Api.DestroyDescriptorSetLayout(device.Handle, layout.Handle, null);
}
