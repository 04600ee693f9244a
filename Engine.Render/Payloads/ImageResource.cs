using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkImage; destroyed with the nearest DeviceResource ancestor. Its views sit below it.</summary>
public readonly record struct ImageResource(Image Handle, Format Format, Extent3D Extent);
