using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>A command pool on the context's queue family whose buffers can be reset one by one.</summary>
    public ResourceHandle<CommandPoolResource> CreateCommandPool(ResourceHandle parent, string? name = null) =>
        CreateCommandPool(parent, _context.PhysicalDevice.QueueFamily, name);

    /// <summary>
    /// A command pool on <paramref name="queueFamily"/> (<see cref="PhysicalDeviceChoice.TransferQueueFamily"/> for
    /// uploads) whose buffers can be reset one by one.
    /// </summary>
    public ResourceHandle<CommandPoolResource> CreateCommandPool(ResourceHandle parent, uint queueFamily, string? name = null)
    {
        Registry.EnsureCanCreate<CommandPoolResource>(parent, name);
        var info = new CommandPoolCreateInfo
        {
            SType = StructureType.CommandPoolCreateInfo,
            Flags = CommandPoolCreateFlags.ResetCommandBufferBit,
            QueueFamilyIndex = queueFamily,
        };
        CommandPool pool;
        VkCheck.Ok(Api.CreateCommandPool(Device, &info, null, &pool), "vkCreateCommandPool");
        return Register(new CommandPoolResource(pool, Api, Device), parent, name, ObjectType.CommandPool, pool.Handle);
    }

    /// <summary>
    /// Allocates a primary command buffer registered as the pool's child. With <see cref="ResourceFlags.ExplicitRelease"/>
    /// a cascade on the pool never frees it: the code that owns it hands it back with <c>RequestDestroy</c>, and until
    /// then the pool stays blocked and <c>GetBlockers</c> names it.
    /// </summary>
    public ResourceHandle<CommandBufferResource> AllocateCommandBuffer(ResourceHandle<CommandPoolResource> pool, string? name = null, ResourceFlags flags = ResourceFlags.None)
    {
        Registry.EnsureCanCreate<CommandBufferResource>(pool, name);
        var info = new CommandBufferAllocateInfo
        {
            SType = StructureType.CommandBufferAllocateInfo,
            CommandPool = Registry.Get(pool).Handle,
            Level = CommandBufferLevel.Primary,
            CommandBufferCount = 1,
        };
        CommandBuffer buffer;
        VkCheck.Ok(Api.AllocateCommandBuffers(Device, &info, &buffer), "vkAllocateCommandBuffers");
        return Register(new CommandBufferResource(buffer), pool, name, ObjectType.CommandBuffer, (ulong)buffer.Handle, flags);
    }

    /// <summary>
    /// A pool of <paramref name="count"/> queries of <paramref name="type"/> (vkCreateQueryPool), registered under
    /// <paramref name="parent"/>.
    /// </summary>
    public ResourceHandle<QueryPoolResource> CreateQueryPool(ResourceHandle parent, QueryType type, uint count, string? name = null)
    {
        Registry.EnsureCanCreate<QueryPoolResource>(parent, name);
        var info = new QueryPoolCreateInfo
        {
            SType = StructureType.QueryPoolCreateInfo,
            QueryType = type,
            QueryCount = count,
        };
        QueryPool pool;
        VkCheck.Ok(Api.CreateQueryPool(Device, &info, null, &pool), "vkCreateQueryPool");
        return Register(new QueryPoolResource(pool), parent, name, ObjectType.QueryPool, pool.Handle);
    }
}
