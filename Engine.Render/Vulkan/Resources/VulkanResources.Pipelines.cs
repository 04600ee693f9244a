using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    public ResourceHandle<ShaderModuleResource> CreateShaderModule(ResourceHandle parent, ReadOnlySpan<byte> spirv, string? name = null)
    {
        Registry.EnsureCanCreate<ShaderModuleResource>(parent, name);
        if (spirv.Length == 0 || spirv.Length % 4 != 0)
        {
            throw new ArgumentException($"SPIR-V must be a non-empty multiple of 4 bytes, got {spirv.Length}", nameof(spirv));
        }

        ShaderModule module;
        fixed (byte* code = spirv)
        {
            var info = new ShaderModuleCreateInfo
            {
                SType = StructureType.ShaderModuleCreateInfo,
                CodeSize = (nuint)spirv.Length,
                PCode = (uint*)code,
            };
            VkCheck.Ok(Api.CreateShaderModule(Device, &info, null, &module), "vkCreateShaderModule");
        }

        return Register(new ShaderModuleResource(module), parent, name, ObjectType.ShaderModule, module.Handle);
    }

    public ResourceHandle<PipelineLayoutResource> CreatePipelineLayout(ResourceHandle parent, ReadOnlySpan<DescriptorSetLayout> setLayouts, string? name = null)
    {
        Registry.EnsureCanCreate<PipelineLayoutResource>(parent, name);
        PipelineLayout layout;
        fixed (DescriptorSetLayout* layouts = setLayouts)
        {
            var info = new PipelineLayoutCreateInfo
            {
                SType = StructureType.PipelineLayoutCreateInfo,
                SetLayoutCount = (uint)setLayouts.Length,
                PSetLayouts = layouts,
            };
            VkCheck.Ok(Api.CreatePipelineLayout(Device, &info, null, &layout), "vkCreatePipelineLayout");
        }

        return Register(new PipelineLayoutResource(layout), parent, name, ObjectType.PipelineLayout, layout.Handle);
    }

    public ResourceHandle<RenderPassResource> CreateRenderPass(ResourceHandle parent, in RenderPassCreateInfo info, string? name = null)
    {
        Registry.EnsureCanCreate<RenderPassResource>(parent, name);
        RenderPass pass;
        fixed (RenderPassCreateInfo* pInfo = &info)
        {
            VkCheck.Ok(Api.CreateRenderPass(Device, pInfo, null, &pass), "vkCreateRenderPass");
        }

        return Register(new RenderPassResource(pass), parent, name, ObjectType.RenderPass, pass.Handle);
    }

    public ResourceHandle<FramebufferResource> CreateFramebuffer(ResourceHandle parent, in FramebufferCreateInfo info, string? name = null)
    {
        Registry.EnsureCanCreate<FramebufferResource>(parent, name);
        Framebuffer framebuffer;
        fixed (FramebufferCreateInfo* pInfo = &info)
        {
            VkCheck.Ok(Api.CreateFramebuffer(Device, pInfo, null, &framebuffer), "vkCreateFramebuffer");
        }

        return Register(new FramebufferResource(framebuffer), parent, name, ObjectType.Framebuffer, framebuffer.Handle);
    }

    public ResourceHandle<PipelineResource> CreateGraphicsPipeline(ResourceHandle parent, in GraphicsPipelineCreateInfo info, string? name = null)
    {
        Registry.EnsureCanCreate<PipelineResource>(parent, name);
        Pipeline pipeline;
        fixed (GraphicsPipelineCreateInfo* pInfo = &info)
        {
            VkCheck.Ok(Api.CreateGraphicsPipelines(Device, default, 1, pInfo, null, &pipeline), "vkCreateGraphicsPipelines");
        }

        return Register(new PipelineResource(pipeline, PipelineBindPoint.Graphics), parent, name, ObjectType.Pipeline, pipeline.Handle);
    }

    public ResourceHandle<PipelineResource> CreateComputePipeline(ResourceHandle parent, ShaderModule shader, PipelineLayout layout, string? name = null)
    {
        Registry.EnsureCanCreate<PipelineResource>(parent, name);
        byte* entry = stackalloc byte[] { (byte)'m', (byte)'a', (byte)'i', (byte)'n', 0 };
        var info = new ComputePipelineCreateInfo
        {
            SType = StructureType.ComputePipelineCreateInfo,
            Stage = new PipelineShaderStageCreateInfo
            {
                SType = StructureType.PipelineShaderStageCreateInfo,
                Stage = ShaderStageFlags.ComputeBit,
                Module = shader,
                PName = entry,
            },
            Layout = layout,
        };
        Pipeline pipeline;
        VkCheck.Ok(Api.CreateComputePipelines(Device, default, 1, &info, null, &pipeline), "vkCreateComputePipelines");
        return Register(new PipelineResource(pipeline, PipelineBindPoint.Compute), parent, name, ObjectType.Pipeline, pipeline.Handle);
    }
}
