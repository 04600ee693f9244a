using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>A buffer and the memory range it is bound to (<see cref="Memory.GpuMemory"/>); the buffer is the range's child.</summary>
public readonly record struct BoundBuffer(
    ResourceHandle<Engine.Render.Memory.MemoryAllocationResource> Memory,
    ResourceHandle<BufferResource> Buffer,
    Silk.NET.Vulkan.Buffer RawBuffer,
    DeviceMemory RawMemory);
