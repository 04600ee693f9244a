using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Offscreen;

/// <summary>
/// The persistent objects of the triangle pass, each a registered child of the given parent:
/// render pass, descriptor set layout, pipeline layout, two shader modules, graphics pipeline.
/// </summary>
public sealed unsafe class TrianglePipeline
{
    /// <summary>
    /// The default colour format rendered to, and the format of offscreen render targets (RGBA8 UNORM).
    /// </summary>
    public const Format ColorFormat = Format.R8G8B8A8Unorm;

    /// <param name="vulkan">The context whose registry and device the objects are created with.</param>
    /// <param name="parent">The device, or any resource below it, that the objects are registered under.</param>
    /// <param name="width">The offscreen target's width in pixels (the window loop sets the viewport per frame).</param>
    /// <param name="height">The offscreen target's height in pixels.</param>
    /// <param name="colorFormat">The format of the images rendered to.</param>
    /// <param name="finalLayout">The layout the pass leaves them in: TRANSFER_SRC_OPTIMAL to copy them out,
    /// PRESENT_SRC_KHR to present them. Viewport and scissor are dynamic, so one pipeline serves every size.</param>
    public TrianglePipeline(VulkanContext vulkan, ResourceHandle parent, uint width, uint height, Format colorFormat = ColorFormat, ImageLayout finalLayout = ImageLayout.TransferSrcOptimal)
    {
        VulkanResources res = vulkan.Resources;
        ResourceRegistry registry = vulkan.Registry;
        Width = width;
        Height = height;

        RenderPassResource = CreateRenderPass(res, parent, colorFormat, finalLayout);
        RenderPass = registry.Get(RenderPassResource).Handle;

        DescriptorSetLayoutBinding* bindings = stackalloc DescriptorSetLayoutBinding[2];
        bindings[0] = new DescriptorSetLayoutBinding
        {
            Binding = 0,
            DescriptorType = DescriptorType.UniformBuffer,
            DescriptorCount = 1,
            StageFlags = ShaderStageFlags.FragmentBit,
        };
        bindings[1] = new DescriptorSetLayoutBinding
        {
            Binding = 1,
            DescriptorType = DescriptorType.CombinedImageSampler,
            DescriptorCount = 1,
            StageFlags = ShaderStageFlags.FragmentBit,
        };
        SetLayoutResource = res.CreateDescriptorSetLayout(parent, new ReadOnlySpan<DescriptorSetLayoutBinding>(bindings, 2), "frame uniforms layout");
        SetLayout = registry.Get(SetLayoutResource).Handle;
        DescriptorSetLayout setLayout = SetLayout;
        LayoutResource = res.CreatePipelineLayout(parent, new ReadOnlySpan<DescriptorSetLayout>(&setLayout, 1), "triangle layout");
        Layout = registry.Get(LayoutResource).Handle;

        VertexShader = res.CreateShaderModule(parent, ShaderLibrary.Load(ShaderLibrary.TriangleVertex), "triangle.vert");
        FragmentShader = res.CreateShaderModule(parent, ShaderLibrary.Load(ShaderLibrary.TriangleFragment), "triangle.frag");
        PipelineResource = CreatePipeline(vulkan, parent, registry.Get(VertexShader).Handle, registry.Get(FragmentShader).Handle);
        Pipeline = registry.Get(PipelineResource).Handle;
    }

    /// <summary>
    /// Width in pixels the pass was built for: offscreen targets, headless draws and readback use it. Viewport and
    /// scissor are dynamic, so the pipeline itself draws at any size.
    /// </summary>
    public uint Width { get; }

    /// <summary>
    /// Height in pixels the pass was built for: offscreen targets, headless draws and readback use it. Viewport and
    /// scissor are dynamic, so the pipeline itself draws at any size.
    /// </summary>
    public uint Height { get; }

    /// <summary>
    /// The registered render pass: one colour attachment, cleared, stored, left in the final layout.
    /// </summary>
    public ResourceHandle<RenderPassResource> RenderPassResource { get; }

    /// <summary>
    /// The raw VkRenderPass of <see cref="RenderPassResource"/>, for framebuffers and begin-render-pass.
    /// </summary>
    public RenderPass RenderPass { get; }

    /// <summary>
    /// The registered descriptor set layout, read by the fragment stage: the frame's uniform buffer at binding 0, the
    /// streamed texture (combined image sampler) at binding 1.
    /// </summary>
    public ResourceHandle<DescriptorSetLayoutResource> SetLayoutResource { get; }

    /// <summary>
    /// The raw VkDescriptorSetLayout of <see cref="SetLayoutResource"/>, for allocating descriptor sets.
    /// </summary>
    public DescriptorSetLayout SetLayout { get; }

    /// <summary>The registered pipeline layout: the one descriptor set layout, no push constants.</summary>
    public ResourceHandle<PipelineLayoutResource> LayoutResource { get; }

    /// <summary>The raw VkPipelineLayout of <see cref="LayoutResource"/>, for binding descriptor sets.</summary>
    public PipelineLayout Layout { get; }

    /// <summary>The registered shader module of <see cref="ShaderLibrary.TriangleVertex"/>.</summary>
    public ResourceHandle<ShaderModuleResource> VertexShader { get; }

    /// <summary>The registered shader module of <see cref="ShaderLibrary.TriangleFragment"/>.</summary>
    public ResourceHandle<ShaderModuleResource> FragmentShader { get; }

    /// <summary>The registered graphics pipeline: a triangle list of <see cref="Vertex"/> data, no culling.</summary>
    public ResourceHandle<PipelineResource> PipelineResource { get; }

    /// <summary>The raw VkPipeline of <see cref="PipelineResource"/>, for binding in command buffers.</summary>
    public Pipeline Pipeline { get; }

    /// <summary>Releases every object of the pass (block mode: each goes once nothing below it or on the GPU needs it).</summary>
    public void Release(ResourceRegistry registry)
    {
        registry.RequestDestroy(PipelineResource);
        registry.RequestDestroy(VertexShader);
        registry.RequestDestroy(FragmentShader);
        registry.RequestDestroy(LayoutResource);
        registry.RequestDestroy(SetLayoutResource);
        registry.RequestDestroy(RenderPassResource);
    }

    private static ResourceHandle<RenderPassResource> CreateRenderPass(VulkanResources res, ResourceHandle parent, Format colorFormat, ImageLayout finalLayout)
    {
        var attachment = new AttachmentDescription
        {
            Format = colorFormat,
            Samples = SampleCountFlags.Count1Bit,
            LoadOp = AttachmentLoadOp.Clear,
            StoreOp = AttachmentStoreOp.Store,
            StencilLoadOp = AttachmentLoadOp.DontCare,
            StencilStoreOp = AttachmentStoreOp.DontCare,
            InitialLayout = ImageLayout.Undefined,
            // Offscreen: ready to be copied out for the PNG without another barrier; windowed: ready to present.
            FinalLayout = finalLayout,
        };
        var colorRef = new AttachmentReference(0, ImageLayout.ColorAttachmentOptimal);
        var subpass = new SubpassDescription
        {
            PipelineBindPoint = PipelineBindPoint.Graphics,
            ColorAttachmentCount = 1,
            PColorAttachments = &colorRef,
        };
        SubpassDependency* dependencies = stackalloc SubpassDependency[2];
        // The slot's image was last read by a copy (readback) before being rendered to again.
        dependencies[0] = new SubpassDependency
        {
            SrcSubpass = Vk.SubpassExternal,
            DstSubpass = 0,
            SrcStageMask = PipelineStageFlags.ColorAttachmentOutputBit | PipelineStageFlags.TransferBit,
            DstStageMask = PipelineStageFlags.ColorAttachmentOutputBit,
            SrcAccessMask = AccessFlags.TransferReadBit,
            DstAccessMask = AccessFlags.ColorAttachmentWriteBit,
        };
        // The rendered image is copied out after the pass.
        dependencies[1] = new SubpassDependency
        {
            SrcSubpass = 0,
            DstSubpass = Vk.SubpassExternal,
            SrcStageMask = PipelineStageFlags.ColorAttachmentOutputBit,
            DstStageMask = PipelineStageFlags.TransferBit,
            SrcAccessMask = AccessFlags.ColorAttachmentWriteBit,
            DstAccessMask = AccessFlags.TransferReadBit,
        };
        var info = new RenderPassCreateInfo
        {
            SType = StructureType.RenderPassCreateInfo,
            AttachmentCount = 1,
            PAttachments = &attachment,
            SubpassCount = 1,
            PSubpasses = &subpass,
            DependencyCount = 2,
            PDependencies = dependencies,
        };
        return res.CreateRenderPass(parent, info, "triangle pass");
    }

    private ResourceHandle<PipelineResource> CreatePipeline(VulkanContext vulkan, ResourceHandle parent, ShaderModule vertex, ShaderModule fragment)
    {
        byte* entry = stackalloc byte[] { (byte)'m', (byte)'a', (byte)'i', (byte)'n', 0 };
        PipelineShaderStageCreateInfo* stages = stackalloc PipelineShaderStageCreateInfo[2];
        stages[0] = new PipelineShaderStageCreateInfo { SType = StructureType.PipelineShaderStageCreateInfo, Stage = ShaderStageFlags.VertexBit, Module = vertex, PName = entry };
        stages[1] = new PipelineShaderStageCreateInfo { SType = StructureType.PipelineShaderStageCreateInfo, Stage = ShaderStageFlags.FragmentBit, Module = fragment, PName = entry };

        var binding = new VertexInputBindingDescription(0, Vertex.Stride, VertexInputRate.Vertex);
        VertexInputAttributeDescription* attributes = stackalloc VertexInputAttributeDescription[2];
        attributes[0] = new VertexInputAttributeDescription(0, 0, Format.R32G32Sfloat, 0);
        attributes[1] = new VertexInputAttributeDescription(1, 0, Format.R32G32B32Sfloat, Vertex.ColorOffset);
        var vertexInput = new PipelineVertexInputStateCreateInfo
        {
            SType = StructureType.PipelineVertexInputStateCreateInfo,
            VertexBindingDescriptionCount = 1,
            PVertexBindingDescriptions = &binding,
            VertexAttributeDescriptionCount = 2,
            PVertexAttributeDescriptions = attributes,
        };
        var inputAssembly = new PipelineInputAssemblyStateCreateInfo
        {
            SType = StructureType.PipelineInputAssemblyStateCreateInfo,
            Topology = PrimitiveTopology.TriangleList,
        };
        var viewport = new Viewport(0, 0, Width, Height, 0, 1);
        var scissor = new Rect2D(new Offset2D(0, 0), new Extent2D(Width, Height));
        var viewportState = new PipelineViewportStateCreateInfo
        {
            SType = StructureType.PipelineViewportStateCreateInfo,
            ViewportCount = 1,
            PViewports = &viewport,
            ScissorCount = 1,
            PScissors = &scissor,
        };
        var raster = new PipelineRasterizationStateCreateInfo
        {
            SType = StructureType.PipelineRasterizationStateCreateInfo,
            PolygonMode = PolygonMode.Fill,
            CullMode = CullModeFlags.None,
            FrontFace = FrontFace.CounterClockwise,
            LineWidth = 1f,
        };
        var multisample = new PipelineMultisampleStateCreateInfo
        {
            SType = StructureType.PipelineMultisampleStateCreateInfo,
            RasterizationSamples = SampleCountFlags.Count1Bit,
        };
        var blendAttachment = new PipelineColorBlendAttachmentState
        {
            ColorWriteMask = ColorComponentFlags.RBit | ColorComponentFlags.GBit | ColorComponentFlags.BBit | ColorComponentFlags.ABit,
        };
        var blend = new PipelineColorBlendStateCreateInfo
        {
            SType = StructureType.PipelineColorBlendStateCreateInfo,
            AttachmentCount = 1,
            PAttachments = &blendAttachment,
        };
        DynamicState* dynamic = stackalloc DynamicState[] { DynamicState.Viewport, DynamicState.Scissor };
        var dynamicState = new PipelineDynamicStateCreateInfo
        {
            SType = StructureType.PipelineDynamicStateCreateInfo,
            DynamicStateCount = 2,
            PDynamicStates = dynamic,
        };
        var info = new GraphicsPipelineCreateInfo
        {
            SType = StructureType.GraphicsPipelineCreateInfo,
            StageCount = 2,
            PStages = stages,
            PVertexInputState = &vertexInput,
            PInputAssemblyState = &inputAssembly,
            PViewportState = &viewportState,
            PRasterizationState = &raster,
            PMultisampleState = &multisample,
            PColorBlendState = &blend,
            PDynamicState = &dynamicState,
            Layout = Layout,
            RenderPass = RenderPass,
            Subpass = 0,
        };
        return vulkan.Resources.CreateGraphicsPipeline(parent, info, "triangle pipeline");
    }
}
