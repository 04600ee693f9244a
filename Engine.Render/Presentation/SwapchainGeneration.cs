using Engine.Render.Offscreen;
using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Engine.Render.Presentation;

/// <summary>
/// One swapchain and what hangs below it in the registry: per image a view, a framebuffer on the view, and the
/// semaphore its present waits on. Released as one cascade when a resize replaces it; until the presentation engine
/// is known to be done with it (<see cref="RetiredSwapchains"/>'s rule) its handles are held in use.
/// </summary>
internal sealed unsafe class SwapchainGeneration
{
    private SwapchainGeneration(ResourceHandle<SwapchainResource> swapchain, SwapchainKHR raw, Extent2D extent, int images)
    {
        Swapchain = swapchain;
        Raw = raw;
        Extent = extent;
        Views = new ResourceHandle<ImageViewResource>[images];
        FramebufferResources = new ResourceHandle<FramebufferResource>[images];
        Framebuffers = new Framebuffer[images];
        PresentReadyResources = new ResourceHandle<SemaphoreResource>[images];
        PresentReady = new VkSemaphore[images];
        LastPresentFrame = new long[images];
    }

    public ResourceHandle<SwapchainResource> Swapchain { get; }

    public SwapchainKHR Raw { get; }

    public Extent2D Extent { get; }

    public ResourceHandle<ImageViewResource>[] Views { get; }

    public ResourceHandle<FramebufferResource>[] FramebufferResources { get; }

    public Framebuffer[] Framebuffers { get; }

    /// <summary>Signaled by the frame's submission, waited on by its present; one per image, reused when the image is acquired again.</summary>
    public ResourceHandle<SemaphoreResource>[] PresentReadyResources { get; }

    public VkSemaphore[] PresentReady { get; }

    /// <summary>The frame that last presented each image (0: not yet).</summary>
    public long[] LastPresentFrame { get; }

    public static SwapchainGeneration Create(
        VulkanContext vulkan, ResourceHandle<SurfaceResource> surface, SurfaceFormatKHR format, PresentModeKHR presentMode,
        TrianglePipeline pipeline, Extent2D extent, in SurfaceCapabilitiesKHR capabilities, SwapchainKHR oldSwapchain)
    {
        uint imageCount = capabilities.MinImageCount + 1;
        if (capabilities.MaxImageCount != 0)
        {
            imageCount = Math.Min(imageCount, capabilities.MaxImageCount);
        }

        var info = new SwapchainCreateInfoKHR
        {
            SType = StructureType.SwapchainCreateInfoKhr,
            MinImageCount = imageCount,
            ImageFormat = format.Format,
            ImageColorSpace = format.ColorSpace,
            ImageExtent = extent,
            ImageArrayLayers = 1,
            ImageUsage = ImageUsageFlags.ColorAttachmentBit,
            ImageSharingMode = SharingMode.Exclusive,
            PreTransform = capabilities.CurrentTransform,
            CompositeAlpha = ChooseCompositeAlpha(capabilities.SupportedCompositeAlpha),
            PresentMode = presentMode,
            Clipped = true,
            OldSwapchain = oldSwapchain,
        };
        VulkanResources res = vulkan.Resources;
        ResourceRegistry registry = vulkan.Registry;
        ResourceHandle<SwapchainResource> swapchain = res.CreateSwapchain(vulkan.DeviceHandle, surface, info, "swapchain");
        SwapchainKHR raw = registry.Get(swapchain).Handle;
        Image[] images = registry.Get(swapchain).Functions.Images(vulkan.Device, raw);
        var generation = new SwapchainGeneration(swapchain, raw, extent, images.Length);
        try
        {
            for (int i = 0; i < images.Length; i++)
            {
                generation.Views[i] = res.CreateSwapchainImageView(swapchain, images[i], "swapchain image view");
                generation.FramebufferResources[i] = res.CreateFramebuffer(generation.Views[i], pipeline.RenderPass, extent, "swapchain framebuffer");
                generation.Framebuffers[i] = registry.Get(generation.FramebufferResources[i]).Handle;
                generation.PresentReadyResources[i] = res.CreateSemaphore(swapchain, "present ready");
                generation.PresentReady[i] = registry.Get(generation.PresentReadyResources[i]).Handle;
            }
        }
        catch
        {
            // Nothing was submitted with it yet: the whole generation goes at the next update.
            registry.RequestDestroy(swapchain, DestroyMode.Cascade);
            throw;
        }

        return generation;
    }

    /// <summary>Every registered handle of this generation: what a present or a frame in flight may still use.</summary>
    public ResourceHandle[] Handles()
    {
        var handles = new ResourceHandle[1 + (3 * Views.Length)];
        handles[0] = Swapchain;
        for (int i = 0; i < Views.Length; i++)
        {
            handles[1 + (3 * i)] = Views[i];
            handles[2 + (3 * i)] = FramebufferResources[i];
            handles[3 + (3 * i)] = PresentReadyResources[i];
        }

        return handles;
    }

    private static CompositeAlphaFlagsKHR ChooseCompositeAlpha(CompositeAlphaFlagsKHR supported)
    {
        foreach (CompositeAlphaFlagsKHR flag in new[] { CompositeAlphaFlagsKHR.OpaqueBitKhr, CompositeAlphaFlagsKHR.InheritBitKhr, CompositeAlphaFlagsKHR.PreMultipliedBitKhr, CompositeAlphaFlagsKHR.PostMultipliedBitKhr })
        {
            if ((supported & flag) != 0)
            {
                return flag;
            }
        }

        return CompositeAlphaFlagsKHR.OpaqueBitKhr;
    }
}
