using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDescriptorSet; lives under its DescriptorPoolResource and is freed with it (or individually when the pool allows).</summary>
public readonly record struct DescriptorSetResource(DescriptorSet Handle);
