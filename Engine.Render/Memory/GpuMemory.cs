using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Memory;

/// <summary>
/// GPU memory as the forest: large VkDeviceMemory blocks (<see cref="MemoryBlockResource"/>) under the device, and
/// sub-allocations carved from them (<see cref="MemoryAllocationResource"/>), so buffers and images cost a range of a
/// block instead of a vkAllocateMemory each (drivers cap live allocations, often at 4,096). Blocks are kept per memory
/// type and per class (buffers and linear images, or optimal images), so <c>bufferImageGranularity</c> never applies
/// between neighbours; in memory that is host-visible but not coherent, ranges are aligned to
/// <c>nonCoherentAtomSize</c> so a flush never touches a neighbour. A request larger than half a block gets a block of
/// its own (a dedicated allocation, freed with it). A block left empty is released after
/// <see cref="VulkanContextOptions.EmptyBlockFrames"/> calls of <see cref="ReleaseEmptyBlocks"/> (the frame loops call
/// it once a frame). Owner thread only, like the registry's changes.
/// </summary>
public sealed unsafe class GpuMemory
{
    private readonly VulkanContext _context;
    private readonly List<Block> _blocks = [];
    private readonly ulong _nonCoherentAtom;
    private readonly int _emptyBlockFrames;

    private sealed class Block(ResourceHandle<MemoryBlockResource> handle, uint memoryType, bool forOptimalImages, bool dedicated, BlockRanges ranges)
    {
        public ResourceHandle<MemoryBlockResource> Handle { get; } = handle;
        public uint MemoryType { get; } = memoryType;
        public bool ForOptimalImages { get; } = forOptimalImages;
        public bool Dedicated { get; } = dedicated;
        public BlockRanges Ranges { get; } = ranges;
        public int EmptyFrames { get; set; }
    }

    internal GpuMemory(VulkanContext context, ulong nonCoherentAtom, ulong blockSize, int emptyBlockFrames)
    {
        _context = context;
        _nonCoherentAtom = Math.Max(nonCoherentAtom, 1);
        BlockSize = blockSize;
        _emptyBlockFrames = emptyBlockFrames;
    }

    /// <summary>Bytes of a block: <see cref="VulkanContextOptions.MemoryBlockSize"/> (64 MiB by default), smaller for a
    /// heap under eight times that (an eighth of the heap).</summary>
    public ulong BlockSize { get; }

    /// <summary>Every vkAllocateMemory the context made since it was created: blocks, dedicated allocations, and the
    /// allocations made outside the blocks (<see cref="VulkanResources.AllocateMemory"/>, buffers a loader thread makes on
    /// its own with <see cref="VulkanResources.CreateStreamedBuffer"/>; streamed textures take block ranges). Any thread
    /// may read it.</summary>
    public int AllocateCalls => Volatile.Read(ref _allocateCalls);

    private int _allocateCalls;

    /// <summary>Counts a vkAllocateMemory made anywhere in the context (any thread).</summary>
    internal void CountAllocateCall() => Interlocked.Increment(ref _allocateCalls);

    /// <summary>Blocks alive now (each one VkDeviceMemory), dedicated ones included.</summary>
    public int LiveBlocks => _blocks.Count;

    /// <summary>
    /// A range for <paramref name="requirements"/> in memory with all of <paramref name="flags"/>, registered under
    /// <paramref name="parent"/> (the buffer or image to bind goes below it). Throws <see cref="VulkanException"/> naming
    /// the request when the device is out of memory; nothing is registered then.
    /// </summary>
    public ResourceHandle<MemoryAllocationResource> Allocate(ResourceHandle parent, in MemoryRequirements requirements, MemoryPropertyFlags flags, bool forOptimalImage, string? name = null)
    {
        ResourceRegistry registry = _context.Registry;
        registry.EnsureCanCreate<MemoryAllocationResource>(parent, name);
        uint memoryType = _context.FindMemoryType(requirements.MemoryTypeBits, flags);
        ulong alignment = Math.Max(requirements.Alignment, 1);
        ulong size = requirements.Size;
        bool nonCoherent = IsNonCoherent(memoryType);
        if (nonCoherent)
        {
            alignment = Math.Max(alignment, _nonCoherentAtom);
            size = (size + _nonCoherentAtom - 1) / _nonCoherentAtom * _nonCoherentAtom;
        }

        ulong heap = HeapSizeOf(memoryType);
        if (size > heap)
        {
            // Vulkan forbids asking for more than the heap holds (the driver's answer would be undefined): refused here,
            // as the driver refuses a request that does not fit what is left.
            throw new VulkanException(
                $"vkAllocateMemory of {size:N0} bytes (memory type {memoryType}, {flags}) for {(name is null ? "an unnamed resource" : ResourceLabels.Quote(name))}, more than its heap's {heap:N0} bytes",
                Result.ErrorOutOfDeviceMemory);
        }

        ulong blockSize = BlockSizeFor(memoryType);
        Block? block = null;
        BlockRange range = default;
        if (size <= blockSize / 2)
        {
            foreach (Block candidate in _blocks)
            {
                if (!candidate.Dedicated && candidate.MemoryType == memoryType && candidate.ForOptimalImages == forOptimalImage
                    && candidate.Ranges.TryAllocate(size, alignment, out range))
                {
                    block = candidate;
                    break;
                }
            }
        }

        if (block is null)
        {
            bool dedicated = size > blockSize / 2;
            block = NewBlock(memoryType, forOptimalImage, dedicated ? size : blockSize, dedicated, requirements, flags, name);
            if (!block.Ranges.TryAllocate(size, alignment, out range))
            {
                throw new InvalidOperationException($"a new block of {block.Ranges.Size} bytes cannot hold {size} bytes aligned to {alignment}");
            }
        }

        block.EmptyFrames = 0;
        ref MemoryBlockResource payload = ref registry.Get(block.Handle);
        nint mapped = payload.Mapped == 0 ? 0 : payload.Mapped + (nint)range.Offset;
        ResourceHandle<MemoryAllocationResource> allocation;
        try
        {
            allocation = registry.Create(new MemoryAllocationResource(payload.Handle, range, block.Ranges, mapped, nonCoherent), parent, name);
        }
        catch
        {
            block.Ranges.Free(range);
            throw;
        }

        registry.AddDependency(allocation, block.Handle);
        registry.SetSizeBytes(allocation, (long)range.Size);
        registry.SetPlacement(allocation, block.Handle, (long)range.Offset); // snapshots and tools show each block's use

        return allocation;
    }

    /// <summary>
    /// Releases blocks that held no sub-allocation for <see cref="VulkanContextOptions.EmptyBlockFrames"/> calls in a
    /// row (dedicated ones at once): their memory goes back to the driver at the next update.
    /// </summary>
    public void ReleaseEmptyBlocks()
    {
        for (int i = _blocks.Count - 1; i >= 0; i--)
        {
            Block block = _blocks[i];
            if (block.Ranges.Allocations > 0)
            {
                block.EmptyFrames = 0;
                continue;
            }

            if (block.Dedicated || ++block.EmptyFrames > _emptyBlockFrames)
            {
                _blocks.RemoveAt(i);
                _context.Registry.RequestDestroy(block.Handle);
            }
        }
    }

    /// <summary><see cref="BlockSize"/>, or an eighth of the memory type's heap when that is smaller.</summary>
    private ulong BlockSizeFor(uint memoryType)
    {
        ulong heap = HeapSizeOf(memoryType);
        return Math.Max(Math.Min(BlockSize, heap / 8) / BlockRanges.Granule * BlockRanges.Granule, BlockRanges.Granule);
    }

    private ulong HeapSizeOf(uint memoryType)
    {
        PhysicalDeviceMemoryProperties properties = _context.MemoryProperties;
        return properties.MemoryHeaps[(int)properties.MemoryTypes[(int)memoryType].HeapIndex].Size;
    }

    /// <summary>Releases every block (<see cref="VulkanContext.Release"/>): each goes once the sub-allocations that
    /// depend on it are gone.</summary>
    internal void ReleaseAll()
    {
        foreach (Block block in _blocks)
        {
            _context.Registry.RequestDestroy(block.Handle);
        }

        _blocks.Clear();
    }

    private bool IsNonCoherent(uint memoryType)
    {
        MemoryPropertyFlags flags = _context.MemoryProperties.MemoryTypes[(int)memoryType].PropertyFlags;
        return (flags & MemoryPropertyFlags.HostVisibleBit) != 0 && (flags & MemoryPropertyFlags.HostCoherentBit) == 0;
    }

    private Block NewBlock(uint memoryType, bool forOptimalImages, ulong size, bool dedicated, in MemoryRequirements requirements, MemoryPropertyFlags flags, string? name)
    {
        Vk api = _context.Api;
        Device device = _context.Device;
        var info = new MemoryAllocateInfo { SType = StructureType.MemoryAllocateInfo, AllocationSize = size, MemoryTypeIndex = memoryType };
        DeviceMemory memory;
        Result result = api.AllocateMemory(device, &info, null, &memory);
        CountAllocateCall();
        if (result != Result.Success)
        {
            throw new VulkanException(
                $"vkAllocateMemory of {size:N0} bytes (memory type {memoryType}, {flags}) for {(name is null ? "an unnamed resource" : ResourceLabels.Quote(name))} needing {requirements.Size:N0} bytes",
                result);
        }

        void* mapped = null;
        MemoryPropertyFlags typeFlags = _context.MemoryProperties.MemoryTypes[(int)memoryType].PropertyFlags;
        if ((typeFlags & MemoryPropertyFlags.HostVisibleBit) != 0)
        {
            VkCheck.Ok(api.MapMemory(device, memory, 0, Vk.WholeSize, 0, &mapped), "vkMapMemory");
        }

        var ranges = new BlockRanges(size);
        string label = dedicated ? $"dedicated memory for {name ?? "a resource"}" : $"memory block type {memoryType}{(forOptimalImages ? " images" : string.Empty)}";
        ResourceHandle<MemoryBlockResource> handle = _context.Registry.Create(
            new MemoryBlockResource(memory, memoryType, size, forOptimalImages, (nint)mapped, ranges), _context.DeviceHandle, label);
        _context.Registry.SetSizeBytes(handle, (long)size);
        _context.DebugUtils.SetObjectName(device, ObjectType.DeviceMemory, memory.Handle, label);
        var block = new Block(handle, memoryType, forOptimalImages, dedicated, ranges);
        _blocks.Add(block);
        return block;
    }
}
