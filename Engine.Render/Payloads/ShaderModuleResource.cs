using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkShaderModule; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct ShaderModuleResource(ShaderModule Handle);
