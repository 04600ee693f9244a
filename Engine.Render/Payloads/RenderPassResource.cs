using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkRenderPass; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct RenderPassResource(RenderPass Handle);
