using Engine.Render.Memory;
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
        _context.Memory.CountAllocateCall();
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
    /// A buffer bound to a range of a memory block (<see cref="GpuMemory"/>): the range's allocation under
    /// <paramref name="parent"/>, the buffer under the allocation, so the buffer is always destroyed before its range goes
    /// back to the block, and the block outlives both.
    /// </summary>
    public BoundBuffer CreateBoundBuffer(ResourceHandle parent, ulong size, BufferUsageFlags usage, MemoryPropertyFlags memoryFlags, string? name = null)
    {
        // The checks of what is created last, below the allocation: the allocation itself needs no ancestor.
        Registry.EnsureCanCreate<BufferResource>(parent, name);
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
        ResourceHandle<MemoryAllocationResource> memory;
        try
        {
            memory = _context.Memory.Allocate(parent, requirements, memoryFlags, forOptimalImage: false, name);
        }
        catch
        {
            Api.DestroyBuffer(Device, raw, null);
            throw;
        }

        ResourceHandle<BufferResource> buffer = Register(new BufferResource(raw, size), memory, name, ObjectType.Buffer, raw.Handle);
        ref MemoryAllocationResource range = ref Registry.Get(memory);
        VkCheck.Ok(Api.BindBufferMemory(Device, raw, range.Memory, range.Offset), "vkBindBufferMemory");
        return new BoundBuffer(memory, buffer, raw, range.Memory);
    }

    /// <summary>Copies bytes into a host-visible allocation, through its block's persistent mapping (flushed when the
    /// memory is not coherent).</summary>
    public void Upload<T>(ResourceHandle<MemoryAllocationResource> memory, ReadOnlySpan<T> data)
        where T : unmanaged
    {
        ref MemoryAllocationResource range = ref Registry.Get(memory);
        ReadOnlySpan<byte> bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(data);
        CheckMapped(range, (ulong)bytes.Length, nameof(Upload));
        bytes.CopyTo(new Span<byte>((void*)range.Mapped, bytes.Length));
        if (range.NonCoherent)
        {
            // The range is aligned to nonCoherentAtomSize (GpuMemory), as a flush requires.
            var flush = new MappedMemoryRange { SType = StructureType.MappedMemoryRange, Memory = range.Memory, Offset = range.Offset, Size = range.Size };
            VkCheck.Ok(Api.FlushMappedMemoryRanges(Device, 1, &flush), "vkFlushMappedMemoryRanges");
        }
    }

    /// <summary>Copies bytes out of a host-visible allocation (invalidated first when the memory is not coherent).</summary>
    public void Download(ResourceHandle<MemoryAllocationResource> memory, Span<byte> into)
    {
        ref MemoryAllocationResource range = ref Registry.Get(memory);
        CheckMapped(range, (ulong)into.Length, nameof(Download));
        if (range.NonCoherent)
        {
            var invalidate = new MappedMemoryRange { SType = StructureType.MappedMemoryRange, Memory = range.Memory, Offset = range.Offset, Size = range.Size };
            VkCheck.Ok(Api.InvalidateMappedMemoryRanges(Device, 1, &invalidate), "vkInvalidateMappedMemoryRanges");
        }

        new ReadOnlySpan<byte>((void*)range.Mapped, into.Length).CopyTo(into);
    }

    private static void CheckMapped(in MemoryAllocationResource range, ulong bytes, string call)
    {
        if (range.Mapped == 0)
        {
            throw new InvalidOperationException($"{call}: the allocation is not in host-visible memory");
        }

        if (bytes > range.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"{call}: {bytes} bytes do not fit the allocation of {range.Size} bytes");
        }
    }
}
