using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkFence; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct FenceResource(Fence Handle);
