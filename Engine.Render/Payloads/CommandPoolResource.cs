using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// A VkCommandPool. It carries its device and API because its command buffers are freed with the
/// pool as their context (vkFreeCommandBuffers needs both).
/// </summary>
public readonly record struct CommandPoolResource(CommandPool Handle, Vk Api, Device Device);
