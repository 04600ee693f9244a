using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkBuffer = Silk.NET.Vulkan.Buffer;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>
    /// From any thread (a loader thread): uploads <paramref name="data"/> into a new host-visible buffer and registers it
    /// under <paramref name="parent"/> without waiting for the owner thread. The handle is returned at once; the
    /// resource joins the forest at the owner's next update (<see cref="ResourceRegistry.BeginCreate{T}"/>). The parent
    /// is held until then, so whatever the owner does meanwhile (destroying the parent, shutting down), the buffer is
    /// destroyed exactly once, with its device. A failure after the registry's check destroys what was made and gives
    /// the handle back.
    /// </summary>
    public ResourceHandle<StreamedBufferResource> CreateStreamedBuffer(ResourceHandle parent, ReadOnlySpan<byte> data, BufferUsageFlags usage, string? name = null)
    {
        if (data.IsEmpty)
        {
            throw new ArgumentException("a streamed buffer needs at least one byte of data", nameof(data));
        }

        using ResourceCreation<StreamedBufferResource> creation = Registry.BeginCreate<StreamedBufferResource>(parent, name);
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = (ulong)data.Length,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
        };
        VkBuffer buffer;
        VkCheck.Ok(Api.CreateBuffer(Device, &info, null, &buffer), "vkCreateBuffer");
        DeviceMemory memory = default;
        try
        {
            MemoryRequirements requirements;
            Api.GetBufferMemoryRequirements(Device, buffer, &requirements);
            var allocate = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo,
                AllocationSize = requirements.Size,
                MemoryTypeIndex = _context.FindMemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit),
            };
            _context.Memory.CountAllocateCall();
            VkCheck.Ok(Api.AllocateMemory(Device, &allocate, null, &memory), "vkAllocateMemory");
            VkCheck.Ok(Api.BindBufferMemory(Device, buffer, memory, 0), "vkBindBufferMemory");
            void* mapped;
            VkCheck.Ok(Api.MapMemory(Device, memory, 0, (ulong)data.Length, 0, &mapped), "vkMapMemory");
            data.CopyTo(new Span<byte>(mapped, data.Length));
            Api.UnmapMemory(Device, memory);
            _context.DebugUtils.SetObjectName(Device, ObjectType.Buffer, buffer.Handle, name);
            _context.DebugUtils.SetObjectName(Device, ObjectType.DeviceMemory, memory.Handle, name);
        }
        catch
        {
            Api.DestroyBuffer(Device, buffer, null);
            if (memory.Handle != 0)
            {
                Api.FreeMemory(Device, memory, null);
            }

            throw; // the creation is cancelled by its Dispose
        }

        return creation.Complete(new StreamedBufferResource(buffer, memory, (ulong)data.Length));
    }
}
