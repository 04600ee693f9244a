using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// A VkDescriptorPool. Its descriptor sets sit below it; they are freed one by one only when the pool
/// was created with FREE_DESCRIPTOR_SET, otherwise all at once when the pool is destroyed.
/// </summary>
public readonly record struct DescriptorPoolResource(DescriptorPool Handle, Vk Api, Device Device, bool FreesIndividualSets);
