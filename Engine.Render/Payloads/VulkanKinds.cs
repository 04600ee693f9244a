using Engine.Resources;

namespace Engine.Render.Payloads;

/// <summary>Registers every Vulkan payload type; each one says in its own file how it is named and destroyed.</summary>
public static class VulkanKinds
{
    /// <summary>
    /// Registers every Vulkan payload type on <paramref name="registry"/>: its Vulkan type name as kind name, its destroy
    /// callback and the ancestor type that callback needs (FrameScope has neither). Call it before any of these
    /// resources is created.
    /// </summary>
    public static void Register(ResourceRegistry registry)
    {
        Add<InstanceResource>(registry);
        Add<DebugMessengerResource>(registry);
        Add<DeviceResource>(registry);
        Add<BufferResource>(registry);
        Add<DeviceMemoryResource>(registry);
        Add<Memory.MemoryBlockResource>(registry);
        Add<Memory.MemoryAllocationResource>(registry);
        Add<ImageResource>(registry);
        Add<ImageViewResource>(registry);
        Add<SamplerResource>(registry);
        Add<ShaderModuleResource>(registry);
        Add<DescriptorSetLayoutResource>(registry);
        Add<DescriptorPoolResource>(registry);
        Add<DescriptorSetResource>(registry);
        Add<PipelineLayoutResource>(registry);
        Add<RenderPassResource>(registry);
        Add<FramebufferResource>(registry);
        Add<PipelineResource>(registry);
        Add<CommandPoolResource>(registry);
        Add<CommandBufferResource>(registry);
        Add<FenceResource>(registry);
        Add<SemaphoreResource>(registry);
        Add<QueryPoolResource>(registry);
        Add<SurfaceResource>(registry);
        Add<SwapchainResource>(registry);
        Add<StreamedBufferResource>(registry);
        Add<FrameScopeResource>(registry);
    }

    // Each payload implements Register explicitly (it stays out of the public API), so it is reachable only through a
    // type parameter constrained to the interface; the constraint also refuses a payload that is not a kind.
    private static void Add<TKind>(ResourceRegistry registry)
        where TKind : struct, IVulkanKind<TKind> =>
        TKind.Register(registry);
}
