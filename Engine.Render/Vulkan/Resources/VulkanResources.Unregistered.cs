using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>Destroys an object the registry refused to take, so a rejected creation leaks nothing.</summary>
    private void DestroyUnregistered(ObjectType type, ulong handle)
    {
        switch (type)
        {
            case ObjectType.Buffer: Api.DestroyBuffer(Device, new Silk.NET.Vulkan.Buffer(handle), null); break;
            case ObjectType.DeviceMemory: Api.FreeMemory(Device, new DeviceMemory(handle), null); break;
            case ObjectType.Image: Api.DestroyImage(Device, new Image(handle), null); break;
            case ObjectType.ImageView: Api.DestroyImageView(Device, new ImageView(handle), null); break;
            case ObjectType.Sampler: Api.DestroySampler(Device, new Sampler(handle), null); break;
            case ObjectType.ShaderModule: Api.DestroyShaderModule(Device, new ShaderModule(handle), null); break;
            case ObjectType.DescriptorSetLayout: Api.DestroyDescriptorSetLayout(Device, new DescriptorSetLayout(handle), null); break;
            case ObjectType.DescriptorPool: Api.DestroyDescriptorPool(Device, new DescriptorPool(handle), null); break;
            case ObjectType.PipelineLayout: Api.DestroyPipelineLayout(Device, new PipelineLayout(handle), null); break;
            case ObjectType.RenderPass: Api.DestroyRenderPass(Device, new RenderPass(handle), null); break;
            case ObjectType.Framebuffer: Api.DestroyFramebuffer(Device, new Framebuffer(handle), null); break;
            case ObjectType.Pipeline: Api.DestroyPipeline(Device, new Pipeline(handle), null); break;
            case ObjectType.CommandPool: Api.DestroyCommandPool(Device, new CommandPool(handle), null); break;
            case ObjectType.Fence: Api.DestroyFence(Device, new Fence(handle), null); break;
            case ObjectType.Semaphore: Api.DestroySemaphore(Device, new Silk.NET.Vulkan.Semaphore(handle), null); break;
            case ObjectType.QueryPool: Api.DestroyQueryPool(Device, new QueryPool(handle), null); break;
            case ObjectType.SurfaceKhr: Surfaces.DestroySurface(_context.Instance, new SurfaceKHR(handle)); break;
            case ObjectType.SwapchainKhr: Swapchains.Destroy(Device, new SwapchainKHR(handle)); break;

            // Pool-allocated objects (command buffers, descriptor sets) go back with their pool.
            default: break;
        }
    }
}
