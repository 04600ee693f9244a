using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// The destroy callbacks. Each receives its payload and the ancestor Vulkan destroys it with; the
/// registry guarantees that ancestor is alive and that every descendant is already gone.
/// </summary>
public static unsafe class VulkanDestroyers
{
    /// <summary>
    /// Destroys the VkInstance, a root with no ancestor, then disposes its validation messenger, which still received
    /// the messages of vkDestroyInstance.
    /// </summary>
    public static void Instance(ref InstanceResource instance)
    {
        instance.Api.DestroyInstance(instance.Handle, null);
        // Messages of vkDestroyInstance went through the chained messenger; only now may it let go.
        instance.Messenger.Dispose();
    }

    /// <summary>Destroys the VkDebugUtilsMessengerEXT with the instance it was created on.</summary>
    public static void DebugMessenger(ref DebugMessengerResource messenger, ref InstanceResource instance) =>
        instance.DebugUtils.DestroyMessenger(instance.Handle, messenger.Handle);

    /// <summary>
    /// Waits for the device to go idle, since queue work may still reference it, then destroys the VkDevice. Its
    /// instance ancestor is still alive.
    /// </summary>
    public static void Device(ref DeviceResource device, ref InstanceResource instance)
    {
        // Every child is gone, but queue work may still reference the device itself.
        device.Api.DeviceWaitIdle(device.Handle);
        device.Api.DestroyDevice(device.Handle, null);
    }

    /// <summary>Destroys the VkBuffer with its nearest device ancestor.</summary>
    public static void Buffer(ref BufferResource buffer, ref DeviceResource device) =>
        device.Api.DestroyBuffer(device.Handle, buffer.Handle, null);

    /// <summary>
    /// Frees the VkDeviceMemory with its nearest device ancestor; the images and buffers bound to it, its children,
    /// are already destroyed.
    /// </summary>
    public static void DeviceMemory(ref DeviceMemoryResource memory, ref DeviceResource device) =>
        device.Api.FreeMemory(device.Handle, memory.Handle, null);

    /// <summary>Destroys the VkImage with its nearest device ancestor.</summary>
    public static void Image(ref ImageResource image, ref DeviceResource device) =>
        device.Api.DestroyImage(device.Handle, image.Handle, null);

    /// <summary>Destroys the VkImageView with its nearest device ancestor.</summary>
    public static void ImageView(ref ImageViewResource view, ref DeviceResource device) =>
        device.Api.DestroyImageView(device.Handle, view.Handle, null);

    /// <summary>Destroys the VkSampler with its nearest device ancestor.</summary>
    public static void Sampler(ref SamplerResource sampler, ref DeviceResource device) =>
        device.Api.DestroySampler(device.Handle, sampler.Handle, null);

    /// <summary>Destroys the VkShaderModule with its nearest device ancestor.</summary>
    public static void ShaderModule(ref ShaderModuleResource module, ref DeviceResource device) =>
        device.Api.DestroyShaderModule(device.Handle, module.Handle, null);

    /// <summary>Destroys the VkDescriptorSetLayout with its nearest device ancestor.</summary>
    public static void DescriptorSetLayout(ref DescriptorSetLayoutResource layout, ref DeviceResource device) =>
        device.Api.DestroyDescriptorSetLayout(device.Handle, layout.Handle, null);

    /// <summary>
    /// Destroys the VkDescriptorPool with its nearest device ancestor, freeing any sets still allocated from it.
    /// </summary>
    public static void DescriptorPool(ref DescriptorPoolResource pool, ref DeviceResource device) =>
        device.Api.DestroyDescriptorPool(device.Handle, pool.Handle, null);

    /// <summary>
    /// Frees the VkDescriptorSet back to its pool ancestor when the pool allows freeing sets one by one
    /// (FREE_DESCRIPTOR_SET); otherwise does nothing, as only destroying the pool frees it.
    /// </summary>
    public static void DescriptorSet(ref DescriptorSetResource set, ref DescriptorPoolResource pool)
    {
        // Without FREE_DESCRIPTOR_SET the set cannot be freed alone; destroying the pool frees it.
        if (pool.FreesIndividualSets)
        {
            DescriptorSet handle = set.Handle;
            pool.Api.FreeDescriptorSets(pool.Device, pool.Handle, 1, &handle);
        }
    }

    /// <summary>Destroys the VkPipelineLayout with its nearest device ancestor.</summary>
    public static void PipelineLayout(ref PipelineLayoutResource layout, ref DeviceResource device) =>
        device.Api.DestroyPipelineLayout(device.Handle, layout.Handle, null);

    /// <summary>Destroys the VkRenderPass with its nearest device ancestor.</summary>
    public static void RenderPass(ref RenderPassResource pass, ref DeviceResource device) =>
        device.Api.DestroyRenderPass(device.Handle, pass.Handle, null);

    /// <summary>Destroys the VkFramebuffer with its nearest device ancestor.</summary>
    public static void Framebuffer(ref FramebufferResource framebuffer, ref DeviceResource device) =>
        device.Api.DestroyFramebuffer(device.Handle, framebuffer.Handle, null);

    /// <summary>Destroys the VkPipeline with its nearest device ancestor.</summary>
    public static void Pipeline(ref PipelineResource pipeline, ref DeviceResource device) =>
        device.Api.DestroyPipeline(device.Handle, pipeline.Handle, null);

    /// <summary>Destroys the VkCommandPool with its nearest device ancestor.</summary>
    public static void CommandPool(ref CommandPoolResource pool, ref DeviceResource device) =>
        device.Api.DestroyCommandPool(device.Handle, pool.Handle, null);

    /// <summary>Frees the VkCommandBuffer back to its command pool ancestor.</summary>
    public static void CommandBuffer(ref CommandBufferResource buffer, ref CommandPoolResource pool)
    {
        CommandBuffer handle = buffer.Handle;
        pool.Api.FreeCommandBuffers(pool.Device, pool.Handle, 1, &handle);
    }

    /// <summary>Destroys the VkFence with its nearest device ancestor.</summary>
    public static void Fence(ref FenceResource fence, ref DeviceResource device) =>
        device.Api.DestroyFence(device.Handle, fence.Handle, null);

    /// <summary>Destroys the VkSemaphore with its nearest device ancestor.</summary>
    public static void Semaphore(ref SemaphoreResource semaphore, ref DeviceResource device) =>
        device.Api.DestroySemaphore(device.Handle, semaphore.Handle, null);

    /// <summary>Destroys the VkQueryPool with its nearest device ancestor.</summary>
    public static void QueryPool(ref QueryPoolResource pool, ref DeviceResource device) =>
        device.Api.DestroyQueryPool(device.Handle, pool.Handle, null);

    /// <summary>
    /// Destroys the VkSurfaceKHR with its instance ancestor, through the surface extension's functions.
    /// </summary>
    public static void Surface(ref SurfaceResource surface, ref InstanceResource instance) =>
        surface.Functions.DestroySurface(instance.Handle, surface.Handle);

    /// <summary>
    /// Destroys the VkSwapchainKHR, and with it its images, with its nearest device ancestor through the swapchain
    /// extension's functions.
    /// </summary>
    public static void Swapchain(ref SwapchainResource swapchain, ref DeviceResource device) =>
        swapchain.Functions.Destroy(device.Handle, swapchain.Handle);

    /// <summary>
    /// Destroys the streamed buffer, then frees the memory it was bound to, with the nearest device ancestor.
    /// </summary>
    public static void StreamedBuffer(ref StreamedBufferResource streamed, ref DeviceResource device)
    {
        device.Api.DestroyBuffer(device.Handle, streamed.Buffer, null);
        device.Api.FreeMemory(device.Handle, streamed.Memory, null);
    }
}
