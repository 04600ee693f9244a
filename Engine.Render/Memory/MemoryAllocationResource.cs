using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Memory;

/// <summary>
/// A range of a <see cref="MemoryBlockResource"/> that one buffer or image is bound to. It sits where its owner puts it
/// (under a frame scope for transients) with the buffer or image below it, and depends on its block. The range goes
/// back to the block only when the registry destroys the allocation: after the buffer or image bound to it (its
/// children) and so after the GPU's last use of them — a range is never handed out again while the GPU may read it.
/// </summary>
public readonly struct MemoryAllocationResource : IVulkanKind<MemoryAllocationResource>
{
    internal MemoryAllocationResource(DeviceMemory memory, BlockRange range, BlockRanges block, nint mapped, bool nonCoherent)
    {
        NonCoherent = nonCoherent;
        Memory = memory;
        Range = range;
        Block = block;
        Mapped = mapped;
    }

    /// <summary>The block's VkDeviceMemory, to bind at <see cref="Offset"/>.</summary>
    public DeviceMemory Memory { get; }

    /// <summary>Byte offset in the block.</summary>
    public ulong Offset => Range.Offset;

    /// <summary>Bytes reserved (the request rounded up).</summary>
    public ulong Size => Range.Size;

    /// <summary>The range's first byte in the block's persistent mapping; 0 when the block is not host-visible.</summary>
    internal nint Mapped { get; }

    internal BlockRange Range { get; }

    /// <summary>Host-visible but not coherent: writes are flushed, reads invalidated.</summary>
    internal bool NonCoherent { get; }

    internal BlockRanges Block { get; }

    static void IVulkanKind<MemoryAllocationResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<MemoryAllocationResource>("MemoryAllocation", Destroy);

    /// <summary>Gives the range back to its block.</summary>
    private static void Destroy(ref MemoryAllocationResource allocation) => allocation.Block.Free(allocation.Range);
}
