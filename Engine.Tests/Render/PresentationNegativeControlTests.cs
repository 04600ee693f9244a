using Engine.Render.Presentation;
using Engine.Render.Vulkan;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>
/// Proves the oracle sees the order the dependency edge enforces: destroying a surface by hand while its swapchain
/// lives is reported by the validation layer as VUID-vkDestroySurfaceKHR-surface-01266.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed unsafe class PresentationNegativeControlTests : IClassFixture<XvfbFixture>
{
    private readonly XvfbFixture _xvfb;

    public PresentationNegativeControlTests(XvfbFixture xvfb) => _xvfb = xvfb;

    [Fact]
    public void Destroying_a_surface_while_its_swapchain_lives_is_reported_by_the_validation_layer()
    {
        using var window = X11Window.Open(160, 120, "Engine.Tests negative control", _xvfb.Display.Name);
        Vk vk = VulkanBootstrap.LoadApi();
        var options = new VulkanContextOptions { ApplicationName = "Engine.Tests presentation negative control", Validation = ValidationMode.Required, Presentation = true };
        using var validation = new ValidationMessenger(logger: null);
        Instance instance = VulkanBootstrap.CreateInstance(vk, options, validation, out bool enabled);
        Assert.True(enabled);
        DebugUtilsFunctions debugUtils = DebugUtilsFunctions.Load(vk, instance);
        DebugUtilsMessengerEXT messenger = debugUtils.CreateMessenger(validation.CreateInfo());
        PhysicalDeviceChoice choice = VulkanBootstrap.ChoosePhysicalDevice(vk, instance);
        Device device = VulkanBootstrap.CreateDevice(vk, choice, presentation: true);
        SurfaceFunctions surfaces = SurfaceFunctions.Load(vk, instance);
        SwapchainFunctions swapchains = SwapchainFunctions.Load(vk, device);

        SurfaceKHR surface = surfaces.CreateXlibSurface(instance, window);
        Assert.True(surfaces.SupportsPresent(choice.Device, choice.QueueFamily, surface));
        SurfaceCapabilitiesKHR capabilities = surfaces.Capabilities(choice.Device, surface);
        SurfaceFormatKHR format = surfaces.Formats(choice.Device, surface)[0];
        var info = new SwapchainCreateInfoKHR
        {
            SType = StructureType.SwapchainCreateInfoKhr,
            Surface = surface,
            MinImageCount = capabilities.MinImageCount,
            ImageFormat = format.Format,
            ImageColorSpace = format.ColorSpace,
            ImageExtent = capabilities.CurrentExtent,
            ImageArrayLayers = 1,
            ImageUsage = ImageUsageFlags.ColorAttachmentBit,
            ImageSharingMode = SharingMode.Exclusive,
            PreTransform = capabilities.CurrentTransform,
            CompositeAlpha = CompositeAlphaFlagsKHR.OpaqueBitKhr,
            PresentMode = PresentModeKHR.FifoKhr,
            Clipped = true,
        };
        Assert.Equal(Result.Success, swapchains.Create(device, info, out SwapchainKHR swapchain));
        Assert.True(validation.Counts.Clean, "setting up must be clean: " + string.Join(", ", validation.MessageIds.Keys));

        // Wrong on purpose: the swapchain still lives.
        surfaces.DestroySurface(instance, surface);
        Assert.True(validation.Saw("VUID-vkDestroySurfaceKHR-surface-01266"), "expected VUID-vkDestroySurfaceKHR-surface-01266, saw: " + string.Join(", ", validation.MessageIds.Keys));

        swapchains.Destroy(device, swapchain);
        vk.DestroyDevice(device, null);
        debugUtils.DestroyMessenger(instance, messenger);
        vk.DestroyInstance(instance, null);
    }
}
