namespace Engine.Tests.Render;

// window-example:begin
using Engine.Render.Frames;
using Engine.Render.Presentation;
using Engine.Render.Vulkan;
using Engine.Resources;

public static class WindowLoopExample
{
    public static (TeardownReport Report, ValidationCounts Validation, int Recreations) Run(int frames, string? display = null)
    {
        // 1. The window comes first and goes last: the surface on it is a resource under the instance.
        using X11Window window = X11Window.Open(640, 480, "engine", display);
        VulkanContext? vulkan = null;
        var registry = new ResourceRegistry(logger: null, waitForGpuIdle: () => vulkan?.WaitIdle());
        vulkan = VulkanContext.Create(registry, new VulkanContextOptions { Presentation = true });

        // 2. Surface, swapchain (depending on the surface), views, framebuffers, semaphores: all registered.
        var loop = new WindowFrameLoop(vulkan, window, framesInFlight: 3);
        for (int frame = 1; frame <= frames; frame++)
        {
            if (frame % 5 == 0)
            {
                // 3. The window changes size: the next frame replaces the swapchain, without waiting for the
                //    device; the old one is released at once and destroyed once nothing can use it any more.
                window.Resize(400 + (uint)(frame % 3 * 80), 300 + (uint)(frame % 2 * 60));
            }

            loop.RenderFrame();
        }

        // 4. Teardown: everything the loop made, then the context; the report lists what was never released.
        int recreations = loop.Recreations;
        loop.Drain();
        loop.Release();
        vulkan.Release();
        registry.Update();
        return (registry.Shutdown(), vulkan.Validation.Counts, recreations);
    }
}
// window-example:end
