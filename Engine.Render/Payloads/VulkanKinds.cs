using Engine.Resources;

namespace Engine.Render.Payloads;

/// <summary>Registers every Vulkan payload type with its kind name and destroy callback.</summary>
public static class VulkanKinds
{
    /// <summary>
    /// Registers every Vulkan payload type on <paramref name="registry"/>: its Vulkan type name as kind name, its
    /// <see cref="VulkanDestroyers"/> callback and the ancestor type that callback needs (FrameScope has neither).
    /// Call it before any of these resources is created.
    /// </summary>
    public static void Register(ResourceRegistry registry)
    {
        registry.RegisterKind<InstanceResource>("VkInstance", VulkanDestroyers.Instance);
        registry.RegisterKind<DebugMessengerResource, InstanceResource>("VkDebugUtilsMessengerEXT", VulkanDestroyers.DebugMessenger);
        registry.RegisterKind<DeviceResource, InstanceResource>("VkDevice", VulkanDestroyers.Device);
        registry.RegisterKind<BufferResource, DeviceResource>("VkBuffer", VulkanDestroyers.Buffer);
        registry.RegisterKind<DeviceMemoryResource, DeviceResource>("VkDeviceMemory", VulkanDestroyers.DeviceMemory);
        registry.RegisterKind<ImageResource, DeviceResource>("VkImage", VulkanDestroyers.Image);
        registry.RegisterKind<ImageViewResource, DeviceResource>("VkImageView", VulkanDestroyers.ImageView);
        registry.RegisterKind<SamplerResource, DeviceResource>("VkSampler", VulkanDestroyers.Sampler);
        registry.RegisterKind<ShaderModuleResource, DeviceResource>("VkShaderModule", VulkanDestroyers.ShaderModule);
        registry.RegisterKind<DescriptorSetLayoutResource, DeviceResource>("VkDescriptorSetLayout", VulkanDestroyers.DescriptorSetLayout);
        registry.RegisterKind<DescriptorPoolResource, DeviceResource>("VkDescriptorPool", VulkanDestroyers.DescriptorPool);
        registry.RegisterKind<DescriptorSetResource, DescriptorPoolResource>("VkDescriptorSet", VulkanDestroyers.DescriptorSet);
        registry.RegisterKind<PipelineLayoutResource, DeviceResource>("VkPipelineLayout", VulkanDestroyers.PipelineLayout);
        registry.RegisterKind<RenderPassResource, DeviceResource>("VkRenderPass", VulkanDestroyers.RenderPass);
        registry.RegisterKind<FramebufferResource, DeviceResource>("VkFramebuffer", VulkanDestroyers.Framebuffer);
        registry.RegisterKind<PipelineResource, DeviceResource>("VkPipeline", VulkanDestroyers.Pipeline);
        registry.RegisterKind<CommandPoolResource, DeviceResource>("VkCommandPool", VulkanDestroyers.CommandPool);
        registry.RegisterKind<CommandBufferResource, CommandPoolResource>("VkCommandBuffer", VulkanDestroyers.CommandBuffer);
        registry.RegisterKind<FenceResource, DeviceResource>("VkFence", VulkanDestroyers.Fence);
        registry.RegisterKind<SemaphoreResource, DeviceResource>("VkSemaphore", VulkanDestroyers.Semaphore);
        registry.RegisterKind<QueryPoolResource, DeviceResource>("VkQueryPool", VulkanDestroyers.QueryPool);
        registry.RegisterKind<SurfaceResource, InstanceResource>("VkSurfaceKHR", VulkanDestroyers.Surface);
        registry.RegisterKind<SwapchainResource, DeviceResource>("VkSwapchainKHR", VulkanDestroyers.Swapchain);
        registry.RegisterKind<StreamedBufferResource, DeviceResource>("StreamedBuffer", VulkanDestroyers.StreamedBuffer);
        registry.RegisterKind<FrameScopeResource>("FrameScope");
    }
}
