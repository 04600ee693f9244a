using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDescriptorSet; lives under its DescriptorPoolResource and is freed with it (or individually when the pool allows).</summary>
public readonly record struct DescriptorSetResource(DescriptorSet Handle) : IVulkanKind<DescriptorSetResource>
{
    static void IVulkanKind<DescriptorSetResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<DescriptorSetResource, DescriptorPoolResource>("VkDescriptorSet", Destroy);

    /// <summary>
    /// Frees the VkDescriptorSet back to its pool ancestor when the pool allows freeing sets one by one
    /// (FREE_DESCRIPTOR_SET); otherwise does nothing, as only destroying the pool frees it.
    /// </summary>
    private static unsafe void Destroy(ref DescriptorSetResource set, ref DescriptorPoolResource pool)
    {
        // Without FREE_DESCRIPTOR_SET the set cannot be freed alone; destroying the pool frees it.
        if (pool.FreesIndividualSets)
        {
            DescriptorSet handle = set.Handle;
            pool.Api.FreeDescriptorSets(pool.Device, pool.Handle, 1, &handle);
        }
    }
}
