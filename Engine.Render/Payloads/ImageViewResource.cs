using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkImageView; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct ImageViewResource(ImageView Handle);
