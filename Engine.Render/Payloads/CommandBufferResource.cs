using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkCommandBuffer; lives under its CommandPoolResource and is freed back to it.</summary>
public readonly record struct CommandBufferResource(CommandBuffer Handle) : IVulkanKind<CommandBufferResource>
{
    static void IVulkanKind<CommandBufferResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<CommandBufferResource, CommandPoolResource>("VkCommandBuffer", Destroy);

    /// <summary>Frees the VkCommandBuffer back to its command pool ancestor.</summary>
    private static unsafe void Destroy(ref CommandBufferResource buffer, ref CommandPoolResource pool)
    {
        CommandBuffer handle = buffer.Handle;
        pool.Api.FreeCommandBuffers(pool.Device, pool.Handle, 1, &handle);
    }
}
