using Engine.Render.Frames;
using Engine.Render.Presentation;
using Engine.Render.Vulkan;
using Engine.Resources;

namespace Engine.Tests.Render;

/// <summary>
/// The windowed loop under a private Xvfb with the validation layer required: swapchains recreated under load (a
/// resize every few frames, frames in flight) without a device wait, and nothing reported, leaked or left behind.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class WindowLoopTests : IClassFixture<XvfbFixture>
{
    private readonly XvfbFixture _xvfb;

    public WindowLoopTests(XvfbFixture xvfb) => _xvfb = xvfb;

    [Fact]
    public void Three_hundred_frames_with_a_resize_every_five_recreate_the_swapchain_without_messages_or_leaks()
    {
        using var window = X11Window.Open(320, 240, "Engine.Tests", _xvfb.Display.Name);
        VulkanContext? vulkan = null;
        var registry = new ResourceRegistry(logger: null, waitForGpuIdle: () => vulkan?.WaitIdle());
        vulkan = VulkanContext.Create(registry, new VulkanContextOptions
        {
            ApplicationName = "Engine.Tests window",
            Validation = ValidationMode.Required,
            Presentation = true,
        });
        var loop = new WindowFrameLoop(vulkan, window, framesInFlight: 3);
        int maxRetired = 0;
        int maxSwapchains = 0;
        var replaced = new List<(ResourceHandle Swapchain, int Frame)>();

        for (int frame = 1; frame <= 300; frame++)
        {
            if (frame % 5 == 0)
            {
                // Alternating sizes, never the same twice in a row.
                uint step = (uint)(frame / 5 % 7);
                window.Resize(200 + (step * 40), 150 + (step * 30));
            }

            ResourceHandle before = loop.Swapchain;
            int recreationsBefore = loop.Recreations;
            loop.RenderFrame();
            if (loop.Recreations > recreationsBefore)
            {
                // Released at once, but still there: the GPU and the presentation engine may use it.
                Assert.True(registry.IsAlive(before), $"frame {frame}: the replaced swapchain was destroyed in the frame that replaced it");
                Assert.NotEqual(ResourceState.Alive, registry.StateOf(before));
                replaced.Add((before, frame));
                Assert.True(loop.SwapchainImages >= 2);
                Assert.Equal(new Silk.NET.Vulkan.Extent2D(window.Width, window.Height), loop.Extent);
            }

            maxRetired = Math.Max(maxRetired, loop.RetiredSwapchains);
            maxSwapchains = Math.Max(maxSwapchains, registry.CountByKind("VkSwapchainKHR"));
        }

        // Destroyed during the run, not piled up until teardown: all but the last few replacements are gone already.
        Assert.All(replaced.Where(r => r.Frame <= 290), r => Assert.False(registry.IsAlive(r.Swapchain), $"the swapchain replaced at frame {r.Frame} is still alive at frame 300"));
        Assert.InRange(maxSwapchains, 2, 4);


        int recreations = loop.Recreations;
        loop.Drain();
        loop.Release();
        vulkan.Release();
        registry.Update();
        TeardownReport report = registry.Shutdown();

        Assert.Empty(report.Leaks);
        Assert.True(recreations >= 50, $"expected at least 50 swapchain recreations, saw {recreations}");
        Assert.InRange(maxRetired, 1, 3);
        VulkanSession.AssertNoValidationMessages(vulkan.Validation);
    }

    [Fact]
    public void The_window_shows_the_presented_triangle_at_its_new_size()
    {
        using var window = X11Window.Open(256, 256, "Engine.Tests screenshot", _xvfb.Display.Name);
        using var session = new VulkanSession(presentation: true);
        var loop = new WindowFrameLoop(session.Vulkan, window);
        for (int frame = 1; frame <= 12; frame++)
        {
            if (frame == 6)
            {
                window.Resize(320, 200);
            }

            loop.RenderFrame();
        }

        loop.Drain();
        byte[] pixels = window.Capture(out uint width, out uint height);
        Assert.Equal((320u, 200u), (width, height));
        Assert.Equal((320u, 200u), (loop.Extent.Width, loop.Extent.Height));

        // The corners show the clear colour (0.05, 0.05, 0.08) written as UNORM: (13, 13, 20).
        AssertPixel(pixels, width, 2, 2, 13, 13, 20);
        AssertPixel(pixels, width, (int)width - 3, (int)height - 3, 13, 13, 20);
        // The centre is inside the triangle: lit, and not the clear colour.
        int centre = (((int)height / 2 * (int)width) + ((int)width / 2)) * 4;
        Assert.True(pixels[centre] + pixels[centre + 1] + pixels[centre + 2] > 150, $"centre pixel ({pixels[centre]}, {pixels[centre + 1]}, {pixels[centre + 2]}) is not the triangle");
        // The triangle fills a good part of the window, drawn over the whole new size (viewport follows the resize).
        int lit = 0;
        for (int i = 0; i < pixels.Length; i += 4)
        {
            lit += pixels[i] + pixels[i + 1] + pixels[i + 2] > 150 ? 1 : 0;
        }

        Assert.InRange(lit, (int)(width * height / 10), (int)(width * height * 6 / 10));

        loop.Release();
        loop.Drain();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void The_surface_waits_for_its_swapchain_although_the_swapchain_lives_under_the_device()
    {
        using var window = X11Window.Open(160, 120, "Engine.Tests", _xvfb.Display.Name);
        using var session = new VulkanSession(presentation: true);
        var loop = new WindowFrameLoop(session.Vulkan, window);
        loop.RenderFrame();
        loop.Drain();
        ResourceRegistry registry = session.Registry;
        Assert.Equal(registry.ParentOf(session.Vulkan.DeviceHandle), registry.ParentOf(loop.Surface));

        // Only the surface: blocked by its dependent, named as such, and not destroyed.
        registry.RequestDestroy(loop.Surface);
        registry.Update();
        Assert.True(registry.IsAlive(loop.Surface));
        var blockers = new List<Blocker>();
        registry.GetBlockers(loop.Surface, blockers);
        Assert.Contains(blockers, b => b.Resource == loop.Swapchain.Untyped);
        Assert.Equal(ResourceState.Blocked, registry.StateOf(loop.Surface));

        loop.Release();
        loop.Drain();
        Assert.False(registry.IsAlive(loop.Surface));
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    private static void AssertPixel(byte[] pixels, uint width, int x, int y, int r, int g, int b)
    {
        int o = ((y * (int)width) + x) * 4;
        Assert.True(Math.Abs(pixels[o] - r) <= 2 && Math.Abs(pixels[o + 1] - g) <= 2 && Math.Abs(pixels[o + 2] - b) <= 2,
            $"pixel ({x}, {y}) is ({pixels[o]}, {pixels[o + 1]}, {pixels[o + 2]}), expected about ({r}, {g}, {b})");
    }
}

/// <summary>One Xvfb per test class.</summary>
public sealed class XvfbFixture : IDisposable
{
    public XvfbDisplay Display { get; } = new();

    public void Dispose() => Display.Dispose();
}
