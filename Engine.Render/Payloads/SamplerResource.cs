using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSampler; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct SamplerResource(Sampler Handle);
