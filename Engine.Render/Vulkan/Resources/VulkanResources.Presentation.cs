using Engine.Render.Payloads;
using Engine.Render.Presentation;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    private SurfaceFunctions Surfaces => _context.SurfaceFunctions
        ?? throw new InvalidOperationException("this Vulkan context was created without presentation; set VulkanContextOptions.Presentation");

    private SwapchainFunctions Swapchains => _context.SwapchainFunctions
        ?? throw new InvalidOperationException("this Vulkan context was created without presentation; set VulkanContextOptions.Presentation");

    /// <summary>
    /// A surface for <paramref name="window"/>, registered under the instance. Fails with a <see cref="VulkanUnavailableException"/>
    /// when the device's queue cannot present to it.
    /// </summary>
    public ResourceHandle<SurfaceResource> CreateXlibSurface(X11Window window, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        SurfaceFunctions functions = Surfaces;
        Registry.EnsureCanCreate<SurfaceResource>(_context.InstanceHandle, name);
        SurfaceKHR surface = functions.CreateXlibSurface(_context.Instance, window);
        ResourceHandle<SurfaceResource> handle = Register(new SurfaceResource(surface, functions), _context.InstanceHandle, name, ObjectType.SurfaceKhr, surface.Handle);
        if (!functions.SupportsPresent(_context.PhysicalDevice.Device, _context.PhysicalDevice.QueueFamily, surface))
        {
            Registry.RequestDestroy(handle);
            throw new VulkanUnavailableException($"queue family {_context.PhysicalDevice.QueueFamily} of {_context.PhysicalDevice.Name} cannot present to this window");
        }

        return handle;
    }

    /// <summary>
    /// A swapchain on <paramref name="surface"/> (the create-info's surface is set from it), registered under
    /// <paramref name="parent"/> and depending on the surface: the registry destroys it before the surface
    /// (VUID-vkDestroySurfaceKHR-surface-01266) although the surface lives under the instance. When the driver refuses
    /// (e.g. OUT_OF_DATE while the window changes) a <see cref="VulkanException"/> names the result and nothing is
    /// registered.
    /// </summary>
    public ResourceHandle<SwapchainResource> CreateSwapchain(ResourceHandle parent, ResourceHandle<SurfaceResource> surface, SwapchainCreateInfoKHR info, string? name = null)
    {
        SwapchainFunctions functions = Swapchains;
        Registry.EnsureCanCreate<SwapchainResource>(parent, name);
        info.Surface = Registry.Get(surface).Handle;
        VkCheck.Ok(functions.Create(Device, info, out SwapchainKHR swapchain), "vkCreateSwapchainKHR");
        ResourceHandle<SwapchainResource> handle = Register(
            new SwapchainResource(swapchain, functions, info.ImageFormat, info.ImageExtent), parent, name, ObjectType.SwapchainKhr, swapchain.Handle);
        Registry.AddDependency(handle, surface);
        return handle;
    }

    /// <summary>A color view of one swapchain image, registered as the swapchain's child (the image belongs to the swapchain).</summary>
    public ResourceHandle<ImageViewResource> CreateSwapchainImageView(ResourceHandle<SwapchainResource> swapchain, Image image, string? name = null)
    {
        Registry.EnsureCanCreate<ImageViewResource>(swapchain, name);
        var info = new ImageViewCreateInfo
        {
            SType = StructureType.ImageViewCreateInfo,
            Image = image,
            ViewType = ImageViewType.Type2D,
            Format = Registry.Get(swapchain).Format,
            SubresourceRange = new ImageSubresourceRange(ImageAspectFlags.ColorBit, 0, 1, 0, 1),
        };
        ImageView view;
        VkCheck.Ok(Api.CreateImageView(Device, &info, null, &view), "vkCreateImageView");
        return Register(new ImageViewResource(view), swapchain, name, ObjectType.ImageView, view.Handle);
    }
}
