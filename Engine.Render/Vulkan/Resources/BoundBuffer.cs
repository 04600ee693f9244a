using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>A buffer and the memory it is bound to; the buffer is the memory's child.</summary>
public readonly record struct BoundBuffer(
    ResourceHandle<DeviceMemoryResource> Memory,
    ResourceHandle<BufferResource> Buffer,
    Silk.NET.Vulkan.Buffer RawBuffer,
    DeviceMemory RawMemory);
