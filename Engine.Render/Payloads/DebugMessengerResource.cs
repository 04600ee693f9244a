using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDebugUtilsMessengerEXT; destroyed with its InstanceResource ancestor.</summary>
public readonly record struct DebugMessengerResource(DebugUtilsMessengerEXT Handle);
