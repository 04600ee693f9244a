using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSemaphore; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct SemaphoreResource(Silk.NET.Vulkan.Semaphore Handle);
