using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkBuffer = Silk.NET.Vulkan.Buffer;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>
    /// Allocates <paramref name="requirements"/>' size from the first allowed memory type that has all
    /// <paramref name="flags"/> (vkAllocateMemory) and registers it under <paramref name="parent"/> with that size in
    /// bytes. Throws <see cref="InvalidOperationException"/> when no memory type matches.
    /// </summary>
    public ResourceHandle<DeviceMemoryResource> AllocateMemory(ResourceHandle parent, in MemoryRequirements requirements, MemoryPropertyFlags flags, string? name = null)
    {
        var info = new MemoryAllocateInfo
        {
            SType = StructureType.MemoryAllocateInfo,
            AllocationSize = requirements.Size,
            MemoryTypeIndex = _context.FindMemoryType(requirements.MemoryTypeBits, flags),
        };
        DeviceMemory memory;
        VkCheck.Ok(Api.AllocateMemory(Device, &info, null, &memory), "vkAllocateMemory");
        ResourceHandle<DeviceMemoryResource> handle = Register(new DeviceMemoryResource(memory, requirements.Size), parent, name, ObjectType.DeviceMemory, memory.Handle);
        // Memory is where the bytes are; buffers and images below it are not counted again.
        Registry.SetSizeBytes(handle, (long)requirements.Size);
        return handle;
    }

    /// <summary>
    /// A buffer of <paramref name="size"/> bytes with no memory bound (vkCreateBuffer), registered under
    /// <paramref name="parent"/>; <see cref="CreateBoundBuffer"/> makes one with its own memory.
    /// </summary>
    public ResourceHandle<BufferResource> CreateBuffer(ResourceHandle parent, ulong size, BufferUsageFlags usage, string? name = null)
    {
        Registry.EnsureCanCreate<BufferResource>(parent, name);
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = size,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
        };
        VkBuffer buffer;
        VkCheck.Ok(Api.CreateBuffer(Device, &info, null, &buffer), "vkCreateBuffer");
        return Register(new BufferResource(buffer, size), parent, name, ObjectType.Buffer, buffer.Handle);
    }

    /// <summary>
    /// A buffer with its own memory: memory under <paramref name="parent"/>, the buffer under the memory,
    /// so the buffer is always destroyed before the memory it is bound to is freed.
    /// </summary>
    public BoundBuffer CreateBoundBuffer(ResourceHandle parent, ulong size, BufferUsageFlags usage, MemoryPropertyFlags memoryFlags, string? name = null)
    {
        Registry.EnsureCanCreate<DeviceMemoryResource>(parent, name);
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = size,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
        };
        VkBuffer raw;
        VkCheck.Ok(Api.CreateBuffer(Device, &info, null, &raw), "vkCreateBuffer");
        MemoryRequirements requirements;
        Api.GetBufferMemoryRequirements(Device, raw, &requirements);
        ResourceHandle<DeviceMemoryResource> memory;
        try
        {
            memory = AllocateMemory(parent, requirements, memoryFlags, name);
        }
        catch
        {
            Api.DestroyBuffer(Device, raw, null);
            throw;
        }

        ResourceHandle<BufferResource> buffer = Register(new BufferResource(raw, size), memory, name, ObjectType.Buffer, raw.Handle);
        VkCheck.Ok(Api.BindBufferMemory(Device, raw, Registry.Get(memory).Handle, 0), "vkBindBufferMemory");
        return new BoundBuffer(memory, buffer, raw, Registry.Get(memory).Handle);
    }

    /// <summary>Copies bytes into host-visible memory (map, copy, unmap).</summary>
    public void Upload<T>(ResourceHandle<DeviceMemoryResource> memory, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        DeviceMemory raw = Registry.Get(memory).Handle;
        void* mapped;
        ulong bytes = (ulong)(data.Length * sizeof(T));
        VkCheck.Ok(Api.MapMemory(Device, raw, 0, bytes, 0, &mapped), "vkMapMemory");
        data.CopyTo(new Span<T>(mapped, data.Length));
        Api.UnmapMemory(Device, raw);
    }

    /// <summary>Copies bytes out of host-visible memory.</summary>
    public void Download(ResourceHandle<DeviceMemoryResource> memory, Span<byte> into)
    {
        DeviceMemory raw = Registry.Get(memory).Handle;
        void* mapped;
        VkCheck.Ok(Api.MapMemory(Device, raw, 0, (ulong)into.Length, 0, &mapped), "vkMapMemory");
        new ReadOnlySpan<byte>(mapped, into.Length).CopyTo(into);
        Api.UnmapMemory(Device, raw);
    }
}
