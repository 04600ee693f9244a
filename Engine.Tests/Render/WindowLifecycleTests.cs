using System.Diagnostics;
using Engine.Render.Frames;
using Engine.Render.Presentation;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>
/// The window's lifecycle under a private Xvfb with the validation layer required, with the tests playing the window
/// manager (<see cref="WindowManagerStub"/>): the close button ends the loop with the orderly teardown; a minimised
/// window pauses frames without recreating swapchains or spinning, releases still happen, and frames resume at the
/// size the window has when it comes back.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class WindowLifecycleTests : IClassFixture<XvfbFixture>
{
    private readonly XvfbFixture _xvfb;

    public WindowLifecycleTests(XvfbFixture xvfb) => _xvfb = xvfb;

    [Fact]
    public void The_close_button_ends_the_loop_and_the_teardown_leaves_nothing()
    {
        using var window = X11Window.Open(200, 150, "Engine.Tests close", _xvfb.Display.Name);
        using var other = X11Window.Open(100, 100, "Engine.Tests other", _xvfb.Display.Name);
        using var manager = new WindowManagerStub(_xvfb.Display.Name);
        using var session = new VulkanSession(presentation: true);
        var loop = new WindowFrameLoop(session.Vulkan, window, framesInFlight: 3);
        for (int frame = 1; frame <= 10; frame++)
        {
            loop.RenderFrame();
        }

        // Not a close: another protocol to this window, and the close button of another window.
        manager.SendProtocol(window.Window, "WM_TAKE_FOCUS");
        manager.SendProtocol(other.Window);
        Assert.True(window.WaitForEvents(2000), "the ClientMessage never arrived");
        loop.RenderFrame();
        Assert.True(other.WaitForEvents(2000));
        other.PumpEvents();
        Assert.True(other.CloseRequested);
        Assert.False(window.CloseRequested, "WM_TAKE_FOCUS or another window's close was taken for this window's close");

        manager.SendProtocol(window.Window);
        Assert.True(window.WaitForEvents(2000), "WM_DELETE_WINDOW never arrived");
        int rendered = 0;
        while (!window.CloseRequested && rendered < 100)
        {
            loop.RenderFrame();
            rendered++;
        }

        Assert.Equal(1, rendered); // seen by the very next frame's event pump
        Assert.Equal(12, loop.Frame);
        Assert.True(window.CloseRequested);

        // The orderly teardown, as at the end of a run.
        loop.Drain();
        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        Assert.Equal(0, session.Registry.Count);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void A_minimised_window_pauses_without_recreating_or_spinning_and_resumes_at_its_new_size()
    {
        using var window = X11Window.Open(320, 240, "Engine.Tests minimise", _xvfb.Display.Name);
        using var manager = new WindowManagerStub(_xvfb.Display.Name);
        using var session = new VulkanSession(presentation: true);
        ResourceRegistry registry = session.Registry;
        var loop = new WindowFrameLoop(session.Vulkan, window, framesInFlight: 3);
        for (int frame = 1; frame <= 20; frame++)
        {
            loop.RenderFrame();
        }

        int recreations = loop.Recreations;
        ResourceHandle swapchain = loop.Swapchain;
        Assert.True(registry.CountByKind("FrameScope") > 0, "no frame in flight at the pause: nothing to prove about releases");

        manager.Minimise(window.Window);
        Assert.True(window.WaitForEvents(2000), "UnmapNotify never arrived");
        FrameResult first = loop.RenderFrame();
        Assert.True(first.Paused);
        Assert.True(window.Minimised);
        Assert.True(loop.IsPaused);
        Assert.Equal(20, first.Frame);
        long destroyedWhilePaused = first.Update.Destroyed;

        // The program asks for a new size while minimised: the swapchain follows once the window is back.
        window.Resize(400, 300);

        // Paused as a caller should wait: a bounded blocking wait on the window between calls. A warm-up first, so
        // that the measured second holds only the paused loop (no first-call JIT).
        int calls = PauseFor(loop, window, TimeSpan.FromMilliseconds(300), ref destroyedWhilePaused);
        CpuTimes threadsBefore = CpuTimes.Of(Environment.ProcessId);
        long threadCpuBefore = ThreadCpuNanoseconds();
        var wall = Stopwatch.StartNew();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        calls = PauseFor(loop, window, TimeSpan.FromSeconds(1), ref destroyedWhilePaused);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        wall.Stop();
        double threadCpuMs = (ThreadCpuNanoseconds() - threadCpuBefore) / 1e6;
        (double cpuMs, string perThread) = threadsBefore.SpentSince();

        // A 100 ms wait gives about 10 calls a second; a busy loop would make thousands. Paused frames are frames:
        // they allocate nothing either.
        Assert.InRange(calls, 5, 30);
        Assert.Equal(0, allocated);
        Assert.True(cpuMs < wall.Elapsed.TotalMilliseconds * 0.2, $"the process used {cpuMs:F0} ms of CPU in {wall.Elapsed.TotalMilliseconds:F0} ms while paused ({calls} calls): {perThread}");
        Assert.True(threadCpuMs < wall.Elapsed.TotalMilliseconds * 0.1, $"the loop's thread used {threadCpuMs:F0} ms of CPU in {wall.Elapsed.TotalMilliseconds:F0} ms while paused");

        // Nothing was recreated or created while paused, and what the last frames released was destroyed.
        Assert.Equal(recreations, loop.Recreations);
        Assert.Equal(swapchain, loop.Swapchain.Untyped);
        Assert.Equal(1, registry.CountByKind("VkSwapchainKHR"));
        Assert.Equal(0, registry.CountByKind("FrameScope"));
        Assert.True(destroyedWhilePaused >= TransientResources.Count, $"only {destroyedWhilePaused} resources destroyed while paused");
        Assert.Equal(1, loop.Pauses);

        manager.Restore(window.Window);
        Assert.True(window.WaitForEvents(2000), "MapNotify never arrived");
        FrameResult back = loop.RenderFrame();
        Assert.False(back.Paused);
        Assert.False(window.Minimised);
        Assert.Equal(21, back.Frame);
        Assert.Equal(recreations + 1, loop.Recreations); // once, for the size that changed while minimised
        Assert.Equal(new Extent2D(400, 300), loop.Extent);
        for (int frame = 22; frame <= 40; frame++)
        {
            Assert.False(loop.RenderFrame().Paused);
        }

        Assert.Equal(recreations + 1, loop.Recreations);
        Assert.Equal(1, loop.Pauses);
        loop.Drain();
        AssertTriangleShown(window);

        loop.Release();
        loop.Drain();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Closing_while_minimised_with_a_replaced_swapchain_still_held_tears_down_cleanly()
    {
        using var window = X11Window.Open(240, 180, "Engine.Tests close minimised", _xvfb.Display.Name);
        using var manager = new WindowManagerStub(_xvfb.Display.Name);
        using var session = new VulkanSession(presentation: true);
        var loop = new WindowFrameLoop(session.Vulkan, window, framesInFlight: 3);
        for (int frame = 1; frame <= 5; frame++)
        {
            loop.RenderFrame();
        }

        // A resize, one frame, and the window is minimised: the replaced generation cannot be proven idle yet.
        window.Resize(200, 160);
        loop.RenderFrame();
        Assert.Equal(1, loop.RetiredSwapchains);
        manager.Minimise(window.Window);
        manager.SendProtocol(window.Window);
        while (!window.CloseRequested || !window.Minimised)
        {
            Assert.True(window.WaitForEvents(2000), "UnmapNotify or WM_DELETE_WINDOW never arrived");
            Assert.True(loop.RenderFrame().Paused);
        }

        Assert.Throws<InvalidOperationException>(() => window.Capture(out _, out _)); // not X's BadMatch, which exits
        loop.Drain();
        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void A_surface_with_a_zero_extent_gets_no_swapchain_until_it_has_a_size_again()
    {
        // lavapipe's X11 surface always reports the window's size; other drivers report 0x0 for a minimised window.
        using var window = X11Window.Open(256, 192, "Engine.Tests zero extent", _xvfb.Display.Name);
        using var session = new VulkanSession(presentation: true);
        ResourceRegistry registry = session.Registry;
        var loop = new WindowFrameLoop(session.Vulkan, window, framesInFlight: 2);
        for (int frame = 1; frame <= 5; frame++)
        {
            loop.RenderFrame();
        }

        loop.CapabilitiesOverride = capabilities =>
        {
            capabilities.CurrentExtent = default;
            capabilities.MinImageExtent = default;
            capabilities.MaxImageExtent = default;
            return capabilities;
        };
        window.Resize(300, 200); // what makes the loop look at the surface again
        for (int call = 0; call < 20; call++)
        {
            Assert.True(loop.RenderFrame().Paused);
        }

        // A swapchain of extent 0x0 is invalid (VUID-VkSwapchainCreateInfoKHR-imageExtent-01689): none was made.
        Assert.Equal(0, loop.Recreations);
        Assert.Equal(1, registry.CountByKind("VkSwapchainKHR"));
        Assert.Equal(5, loop.Frame);

        loop.CapabilitiesOverride = null;
        Assert.False(loop.RenderFrame().Paused);
        Assert.Equal(1, loop.Recreations);
        Assert.Equal(new Extent2D(300, 200), loop.Extent);
        Assert.Equal(1, loop.Pauses);

        loop.Drain();
        loop.Release();
        loop.Drain();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    private static int PauseFor(WindowFrameLoop loop, X11Window window, TimeSpan duration, ref long destroyed)
    {
        int calls = 0;
        long start = Stopwatch.GetTimestamp(); // no Stopwatch object: the caller counts this thread's allocations
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            FrameResult result = loop.RenderFrame();
            if (!result.Paused)
            {
                Assert.Fail($"a frame rendered while the window was minimised (call {calls})");
            }

            destroyed += result.Update.Destroyed;
            calls++;
            window.WaitForEvents(100);
        }

        return calls;
    }

    private static void AssertTriangleShown(X11Window window)
    {
        byte[] pixels = window.Capture(out uint width, out uint height);
        Assert.Equal((400u, 300u), (width, height));
        int centre = (((int)height / 2 * (int)width) + ((int)width / 2)) * 4;
        Assert.True(pixels[centre] + pixels[centre + 1] + pixels[centre + 2] > 150, $"centre pixel ({pixels[centre]}, {pixels[centre + 1]}, {pixels[centre + 2]}) is not the triangle");
    }

    private static unsafe long ThreadCpuNanoseconds()
    {
        const int ClockThreadCpuTimeId = 3;
        long* time = stackalloc long[2];
        return clock_gettime(ClockThreadCpuTimeId, time) == 0 ? (time[0] * 1_000_000_000L) + time[1] : throw new InvalidOperationException("clock_gettime failed");
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern unsafe int clock_gettime(int clock, long* time);
}
