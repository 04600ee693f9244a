using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>An image and the memory it is bound to; the image is the memory's child.</summary>
public readonly record struct BoundImage(
    ResourceHandle<DeviceMemoryResource> Memory,
    ResourceHandle<ImageResource> Image,
    Image RawImage);
