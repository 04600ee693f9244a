using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkPipelineLayout; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct PipelineLayoutResource(PipelineLayout Handle);
