using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>
    /// A shader module from SPIR-V bytes (vkCreateShaderModule), registered under <paramref name="parent"/>. Throws
    /// <see cref="ArgumentException"/> when <paramref name="spirv"/> is empty or not a multiple of 4 bytes.
    /// </summary>
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

    /// <summary>
    /// A pipeline layout over <paramref name="setLayouts"/>, without push constants (vkCreatePipelineLayout),
    /// registered under <paramref name="parent"/>.
    /// </summary>
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

    /// <summary>
    /// A render pass from the caller's create-info (vkCreateRenderPass), registered under <paramref name="parent"/>.
    /// </summary>
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

    /// <summary>
    /// A framebuffer of <paramref name="renderPass"/> with <paramref name="view"/> as its one colour attachment,
    /// registered as the view's child (so it goes before the view and the image under it).
    /// </summary>
    public ResourceHandle<FramebufferResource> CreateFramebuffer(ResourceHandle<ImageViewResource> view, RenderPass renderPass, Extent2D extent, string? name = null)
    {
        ImageView attachment = Registry.Get(view).Handle;
        var info = new FramebufferCreateInfo
        {
            SType = StructureType.FramebufferCreateInfo,
            RenderPass = renderPass,
            AttachmentCount = 1,
            PAttachments = &attachment,
            Width = extent.Width,
            Height = extent.Height,
            Layers = 1,
        };
        return CreateFramebuffer(view.Untyped, info, name);
    }

    /// <summary>
    /// A framebuffer from the caller's create-info (vkCreateFramebuffer), registered under <paramref name="parent"/>.
    /// Only that parent link is recorded: the render pass and image views it names are not tracked.
    /// </summary>
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

    /// <summary>
    /// A graphics pipeline from the caller's create-info, without a pipeline cache (vkCreateGraphicsPipelines),
    /// registered under <paramref name="parent"/>.
    /// </summary>
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

    /// <summary>
    /// A compute pipeline running the <c>main</c> entry point of <paramref name="shader"/> with
    /// <paramref name="layout"/> (vkCreateComputePipelines), registered under <paramref name="parent"/>.
    /// </summary>
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
