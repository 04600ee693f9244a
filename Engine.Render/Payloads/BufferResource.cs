using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkBuffer; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct BufferResource(Silk.NET.Vulkan.Buffer Handle, ulong Size);
