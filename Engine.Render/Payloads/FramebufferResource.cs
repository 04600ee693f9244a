using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkFramebuffer; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct FramebufferResource(Framebuffer Handle);
