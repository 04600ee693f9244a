using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDescriptorSetLayout; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct DescriptorSetLayoutResource(DescriptorSetLayout Handle);
