using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkQueryPool; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct QueryPoolResource(QueryPool Handle);
