using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkCommandBuffer; lives under its CommandPoolResource and is freed back to it.</summary>
public readonly record struct CommandBufferResource(CommandBuffer Handle);
