using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>An image and the memory range it is bound to (<see cref="Memory.GpuMemory"/>); the image is the range's child.</summary>
public readonly record struct BoundImage(
    ResourceHandle<Engine.Render.Memory.MemoryAllocationResource> Memory,
    ResourceHandle<ImageResource> Image,
    Image RawImage);
