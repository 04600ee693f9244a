using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>The physical device picked for rendering and its graphics+compute queue family.</summary>
public readonly record struct PhysicalDeviceChoice(
    PhysicalDevice Device,
    uint QueueFamily,
    PhysicalDeviceType Type,
    string Name,
    uint ApiVersion);
