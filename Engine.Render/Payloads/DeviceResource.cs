using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// The VkDevice. It carries the API so that every descendant's destroy callback, which receives the
/// nearest DeviceResource, has all it needs to destroy itself.
/// </summary>
public readonly record struct DeviceResource(Vk Api, Device Handle, PhysicalDevice Physical);
