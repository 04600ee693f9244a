using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Memory;

/// <summary>
/// One VkDeviceMemory that sub-allocations are carved from (<see cref="GpuMemory"/>), a resource under the device. Each
/// <see cref="MemoryAllocationResource"/> carved from it depends on it, so the registry never frees a block while a
/// sub-allocation in it lives. Host-visible blocks stay mapped for their whole life (a VkDeviceMemory maps once).
/// </summary>
public readonly struct MemoryBlockResource : IVulkanKind<MemoryBlockResource>
{
    internal MemoryBlockResource(DeviceMemory handle, uint memoryType, ulong size, bool forOptimalImages, nint mapped, BlockRanges ranges)
    {
        Handle = handle;
        MemoryType = memoryType;
        Size = size;
        ForOptimalImages = forOptimalImages;
        Mapped = mapped;
        Ranges = ranges;
    }

    /// <summary>The VkDeviceMemory.</summary>
    public DeviceMemory Handle { get; }

    /// <summary>Index of its memory type.</summary>
    public uint MemoryType { get; }

    /// <summary>Bytes allocated.</summary>
    public ulong Size { get; }

    /// <summary>True when it holds optimal-tiling images, false for buffers and linear images: the two never share a
    /// block, so <c>bufferImageGranularity</c> never separates neighbours.</summary>
    public bool ForOptimalImages { get; }

    /// <summary>Bytes in live sub-allocations.</summary>
    public ulong Used => Ranges.Used;

    /// <summary>Live sub-allocations.</summary>
    public int Allocations => Ranges.Allocations;

    /// <summary>0 when the free bytes are one range, towards 1 as they split into holes.</summary>
    public double Fragmentation => Ranges.Fragmentation;

    internal nint Mapped { get; }

    internal BlockRanges Ranges { get; }

    static void IVulkanKind<MemoryBlockResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<MemoryBlockResource, DeviceResource>("MemoryBlock", Destroy);

    /// <summary>Frees the block (unmapping it first); every sub-allocation that depended on it is gone by now.</summary>
    private static unsafe void Destroy(ref MemoryBlockResource block, ref DeviceResource device)
    {
        if (block.Mapped != 0)
        {
            device.Api.UnmapMemory(device.Handle, block.Handle);
        }

        device.Api.FreeMemory(device.Handle, block.Handle, null);
    }
}
