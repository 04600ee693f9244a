using Engine.Render.Vulkan;
using Silk.NET.Core;
using Silk.NET.Vulkan;

namespace Engine.Render.Presentation;

/// <summary>
/// VK_KHR_surface and VK_KHR_xlib_surface entry points, loaded by name through vkGetInstanceProcAddr (the Silk.NET
/// extension packages are not available here; its core package has the structs).
/// </summary>
public sealed unsafe class SurfaceFunctions
{
    /// <summary>Name of the instance extension VK_KHR_surface (surface queries and vkDestroySurfaceKHR).</summary>
    public const string SurfaceExtension = "VK_KHR_surface";
    /// <summary>Name of the instance extension VK_KHR_xlib_surface (vkCreateXlibSurfaceKHR).</summary>
    public const string XlibSurfaceExtension = "VK_KHR_xlib_surface";

    private readonly delegate* unmanaged[Cdecl]<Instance, XlibSurfaceCreateInfoKHR*, AllocationCallbacks*, SurfaceKHR*, Result> _createXlib;
    private readonly delegate* unmanaged[Cdecl]<Instance, SurfaceKHR, AllocationCallbacks*, void> _destroy;
    private readonly delegate* unmanaged[Cdecl]<PhysicalDevice, uint, SurfaceKHR, Bool32*, Result> _support;
    private readonly delegate* unmanaged[Cdecl]<PhysicalDevice, SurfaceKHR, SurfaceCapabilitiesKHR*, Result> _capabilities;
    private readonly delegate* unmanaged[Cdecl]<PhysicalDevice, SurfaceKHR, uint*, SurfaceFormatKHR*, Result> _formats;

    private SurfaceFunctions(Vk vk, Instance instance)
    {
        nint Get(string name)
        {
            nint address = (nint)vk.GetInstanceProcAddr(instance, name).Handle;
            return address != 0 ? address : throw new InvalidOperationException($"{name} is not exported; was the instance created with presentation (VulkanContextOptions.Presentation)?");
        }

        _createXlib = (delegate* unmanaged[Cdecl]<Instance, XlibSurfaceCreateInfoKHR*, AllocationCallbacks*, SurfaceKHR*, Result>)Get("vkCreateXlibSurfaceKHR");
        _destroy = (delegate* unmanaged[Cdecl]<Instance, SurfaceKHR, AllocationCallbacks*, void>)Get("vkDestroySurfaceKHR");
        _support = (delegate* unmanaged[Cdecl]<PhysicalDevice, uint, SurfaceKHR, Bool32*, Result>)Get("vkGetPhysicalDeviceSurfaceSupportKHR");
        _capabilities = (delegate* unmanaged[Cdecl]<PhysicalDevice, SurfaceKHR, SurfaceCapabilitiesKHR*, Result>)Get("vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
        _formats = (delegate* unmanaged[Cdecl]<PhysicalDevice, SurfaceKHR, uint*, SurfaceFormatKHR*, Result>)Get("vkGetPhysicalDeviceSurfaceFormatsKHR");
    }

    /// <summary>Loads the functions; throws when the instance lacks the surface extensions.</summary>
    public static SurfaceFunctions Load(Vk vk, Instance instance) => new(vk, instance);

    /// <summary>
    /// Creates a VkSurfaceKHR for <paramref name="window"/> (vkCreateXlibSurfaceKHR) without registering it
    /// (<see cref="VulkanResources.CreateXlibSurface"/> does); destroy it before the window. Throws
    /// <see cref="VulkanException"/> when the call fails.
    /// </summary>
    public SurfaceKHR CreateXlibSurface(Instance instance, X11Window window)
    {
        var info = new XlibSurfaceCreateInfoKHR
        {
            SType = StructureType.XlibSurfaceCreateInfoKhr,
            Dpy = (nint*)window.Display,
            Window = (nint)window.Window,
        };
        SurfaceKHR surface;
        VkCheck.Ok(_createXlib(instance, &info, null, &surface), "vkCreateXlibSurfaceKHR");
        return surface;
    }

    /// <summary>
    /// Destroys <paramref name="surface"/> (vkDestroySurfaceKHR); every swapchain on it must be destroyed first.
    /// </summary>
    public void DestroySurface(Instance instance, SurfaceKHR surface) => _destroy(instance, surface, null);

    /// <summary>
    /// Whether queue family <paramref name="queueFamily"/> of <paramref name="device"/> can present to
    /// <paramref name="surface"/> (vkGetPhysicalDeviceSurfaceSupportKHR).
    /// </summary>
    public bool SupportsPresent(PhysicalDevice device, uint queueFamily, SurfaceKHR surface)
    {
        Bool32 supported;
        VkCheck.Ok(_support(device, queueFamily, surface, &supported), "vkGetPhysicalDeviceSurfaceSupportKHR");
        return supported;
    }

    /// <summary>
    /// The surface's current capabilities on <paramref name="device"/>: image count limits, current and allowed
    /// extents, transforms (vkGetPhysicalDeviceSurfaceCapabilitiesKHR). The current extent follows the window's size.
    /// </summary>
    public SurfaceCapabilitiesKHR Capabilities(PhysicalDevice device, SurfaceKHR surface)
    {
        SurfaceCapabilitiesKHR capabilities;
        VkCheck.Ok(_capabilities(device, surface, &capabilities), "vkGetPhysicalDeviceSurfaceCapabilitiesKHR");
        return capabilities;
    }

    /// <summary>
    /// The format and color-space pairs <paramref name="device"/> supports for swapchains on
    /// <paramref name="surface"/> (vkGetPhysicalDeviceSurfaceFormatsKHR).
    /// </summary>
    public SurfaceFormatKHR[] Formats(PhysicalDevice device, SurfaceKHR surface)
    {
        uint count = 0;
        VkCheck.Ok(_formats(device, surface, &count, null), "vkGetPhysicalDeviceSurfaceFormatsKHR");
        var formats = new SurfaceFormatKHR[count];
        fixed (SurfaceFormatKHR* p = formats)
        {
            VkCheck.Ok(_formats(device, surface, &count, p), "vkGetPhysicalDeviceSurfaceFormatsKHR");
        }

        return formats[..(int)count];
    }
}
