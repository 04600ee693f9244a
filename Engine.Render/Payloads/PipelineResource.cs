using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A graphics or compute VkPipeline; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct PipelineResource(Pipeline Handle, PipelineBindPoint BindPoint);
