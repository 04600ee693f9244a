using Engine.Render.Presentation;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSwapchainKHR; destroyed with the nearest DeviceResource ancestor. Its images belong to it (not registered).</summary>
public readonly record struct SwapchainResource(SwapchainKHR Handle, SwapchainFunctions Functions, Format Format, Extent2D Extent) : IVulkanKind<SwapchainResource>
{
    static void IVulkanKind<SwapchainResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<SwapchainResource, DeviceResource>("VkSwapchainKHR", Destroy);

    /// <summary>
    /// Destroys the VkSwapchainKHR, and with it its images, with its nearest device ancestor through the swapchain
    /// extension's functions.
    /// </summary>
    private static void Destroy(ref SwapchainResource swapchain, ref DeviceResource device) =>
        swapchain.Functions.Destroy(device.Handle, swapchain.Handle);
}
