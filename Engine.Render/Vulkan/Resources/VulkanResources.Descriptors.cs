using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>
    /// A descriptor set layout with <paramref name="bindings"/> (vkCreateDescriptorSetLayout), registered under
    /// <paramref name="parent"/>.
    /// </summary>
    public ResourceHandle<DescriptorSetLayoutResource> CreateDescriptorSetLayout(ResourceHandle parent, ReadOnlySpan<DescriptorSetLayoutBinding> bindings, string? name = null)
    {
        Registry.EnsureCanCreate<DescriptorSetLayoutResource>(parent, name);
        DescriptorSetLayout layout;
        fixed (DescriptorSetLayoutBinding* pBindings = bindings)
        {
            var info = new DescriptorSetLayoutCreateInfo
            {
                SType = StructureType.DescriptorSetLayoutCreateInfo,
                BindingCount = (uint)bindings.Length,
                PBindings = pBindings,
            };
            VkCheck.Ok(Api.CreateDescriptorSetLayout(Device, &info, null, &layout), "vkCreateDescriptorSetLayout");
        }

        return Register(new DescriptorSetLayoutResource(layout), parent, name, ObjectType.DescriptorSetLayout, layout.Handle);
    }

    /// <summary>A descriptor pool; with <paramref name="freeIndividualSets"/> its sets are freed one by one when released.</summary>
    public ResourceHandle<DescriptorPoolResource> CreateDescriptorPool(ResourceHandle parent, uint maxSets, ReadOnlySpan<DescriptorPoolSize> sizes, bool freeIndividualSets = false, string? name = null)
    {
        Registry.EnsureCanCreate<DescriptorPoolResource>(parent, name);
        DescriptorPool pool;
        fixed (DescriptorPoolSize* pSizes = sizes)
        {
            var info = new DescriptorPoolCreateInfo
            {
                SType = StructureType.DescriptorPoolCreateInfo,
                Flags = freeIndividualSets ? DescriptorPoolCreateFlags.FreeDescriptorSetBit : 0,
                MaxSets = maxSets,
                PoolSizeCount = (uint)sizes.Length,
                PPoolSizes = pSizes,
            };
            VkCheck.Ok(Api.CreateDescriptorPool(Device, &info, null, &pool), "vkCreateDescriptorPool");
        }

        return Register(new DescriptorPoolResource(pool, Api, Device, freeIndividualSets), parent, name, ObjectType.DescriptorPool, pool.Handle);
    }

    /// <summary>Allocates a set from the pool and registers it as the pool's child.</summary>
    public ResourceHandle<DescriptorSetResource> AllocateDescriptorSet(ResourceHandle<DescriptorPoolResource> pool, DescriptorSetLayout layout, string? name = null)
    {
        var info = new DescriptorSetAllocateInfo
        {
            SType = StructureType.DescriptorSetAllocateInfo,
            DescriptorPool = Registry.Get(pool).Handle,
            DescriptorSetCount = 1,
            PSetLayouts = &layout,
        };
        DescriptorSet set;
        VkCheck.Ok(Api.AllocateDescriptorSets(Device, &info, &set), "vkAllocateDescriptorSets");
        return Register(new DescriptorSetResource(set), pool, name, ObjectType.DescriptorSet, set.Handle);
    }

    /// <summary>Points binding <paramref name="binding"/> of a set at a whole uniform buffer.</summary>
    public void WriteUniformBuffer(DescriptorSet set, uint binding, Silk.NET.Vulkan.Buffer buffer, ulong range, DescriptorType type = DescriptorType.UniformBuffer)
    {
        var bufferInfo = new DescriptorBufferInfo(buffer, 0, range);
        var write = new WriteDescriptorSet
        {
            SType = StructureType.WriteDescriptorSet,
            DstSet = set,
            DstBinding = binding,
            DescriptorCount = 1,
            DescriptorType = type,
            PBufferInfo = &bufferInfo,
        };
        Api.UpdateDescriptorSets(Device, 1, &write, 0, null);
    }

    /// <summary>Points binding <paramref name="binding"/> of a set at an image view, read in SHADER_READ_ONLY_OPTIMAL
    /// layout through <paramref name="sampler"/>.</summary>
    public void WriteCombinedImageSampler(DescriptorSet set, uint binding, ImageView view, Sampler sampler)
    {
        var imageInfo = new DescriptorImageInfo(sampler, view, ImageLayout.ShaderReadOnlyOptimal);
        var write = new WriteDescriptorSet
        {
            SType = StructureType.WriteDescriptorSet,
            DstSet = set,
            DstBinding = binding,
            DescriptorCount = 1,
            DescriptorType = DescriptorType.CombinedImageSampler,
            PImageInfo = &imageInfo,
        };
        Api.UpdateDescriptorSets(Device, 1, &write, 0, null);
    }
}
