using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDeviceMemory allocation; freed with the nearest DeviceResource ancestor. Resources bound to it sit below it, so they are destroyed first.</summary>
public readonly record struct DeviceMemoryResource(DeviceMemory Handle, ulong Size);
