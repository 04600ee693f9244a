using Engine.Render.Presentation;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSurfaceKHR; destroyed with the nearest InstanceResource ancestor, after every swapchain that depends on it.</summary>
public readonly record struct SurfaceResource(SurfaceKHR Handle, SurfaceFunctions Functions);
