using Engine.Render.Presentation;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSwapchainKHR; destroyed with the nearest DeviceResource ancestor. Its images belong to it (not registered).</summary>
public readonly record struct SwapchainResource(SwapchainKHR Handle, SwapchainFunctions Functions, Format Format, Extent2D Extent);
