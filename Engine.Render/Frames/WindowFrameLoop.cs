using Engine.Render.Offscreen;
using Engine.Render.Payloads;
using Engine.Render.Presentation;
using Engine.Render.Streaming;
using Engine.Render.Timeline;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Engine.Render.Frames;

/// <summary>
/// The engine loop with a window: the seed renderer's surface (under the instance) and swapchain (under the device,
/// depending on the surface), per image a view, a framebuffer and a present semaphore. Each frame acquires an image,
/// renders the triangle with transient resources into it, submits, presents, and releases the transients at once.
/// <para>
/// <b>Recreation.</b> When the window's size changes, or acquire/present report OUT_OF_DATE or SUBOPTIMAL, a new
/// swapchain is created with the old one as <c>oldSwapchain</c> and the old generation (swapchain, views,
/// framebuffers, semaphores) is released at once as one cascade. No device wait: the registry destroys it when the GPU
/// and the presentation engine are done with it, by the rule of <see cref="RetiredSwapchains"/> (lavapipe offers no
/// present fences).
/// </para>
/// <para>
/// <b>Minimised.</b> While the window is minimised (unmapped) or the surface reports a zero extent, a frame renders
/// nothing and creates no swapchain: it only runs the registry's update, so that what finished on the GPU is still
/// destroyed, and returns <see cref="FrameResult.Paused"/>. The caller then waits for the window
/// (<see cref="X11Window.WaitForEvents"/>) instead of spinning. When the window comes back, the swapchain is recreated
/// once if its size changed, and frames resume.
/// </para>
/// </summary>
public sealed unsafe class WindowFrameLoop
{
    private const int MaxAcquireAttempts = 4;

    private readonly VulkanContext _vulkan;
    private readonly ResourceRegistry _registry;
    private readonly X11Window _window;
    private readonly GpuUseRecorder _uses = new();
    private readonly RetiredSwapchains _retired = new();
    private readonly GpuTimeline _timeline;
    private readonly TrianglePipeline _pipeline;
    private readonly ResourceHandle<SurfaceResource> _surface;
    private readonly SurfaceKHR _rawSurface;
    private readonly SurfaceFormatKHR _format;
    private readonly PresentModeKHR _presentMode;
    private readonly ResourceHandle<CommandPoolResource> _commandPool;
    private readonly ResourceHandle<CommandBufferResource>[] _commandBufferResources;
    private readonly CommandBuffer[] _commandBuffers;
    private readonly ResourceHandle<SemaphoreResource>[] _acquiredResources;
    private readonly VkSemaphore[] _acquired;
    private readonly StreamedTextures _textures;
    private SwapchainGeneration _current;
    private bool _stale;
    private bool _paused;
    private bool _released;

    /// <summary>
    /// Creates the window's surface (under the instance), picks a UNORM surface format and FIFO presentation, and
    /// creates under the device the timeline, the triangle pipeline, a command pool, per slot a command buffer and an
    /// "image acquired" semaphore, and the first swapchain generation sized to the window.
    /// </summary>
    /// <param name="vulkan">The context whose registry and device the objects are created with.</param>
    /// <param name="window">The window presented to; it must outlive the loop and its surface.</param>
    /// <param name="framesInFlight">How many frames the CPU may record ahead of the GPU; at least 1.</param>
    public WindowFrameLoop(VulkanContext vulkan, X11Window window, int framesInFlight = 2)
    {
        ArgumentNullException.ThrowIfNull(vulkan);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(framesInFlight, 1);
        _vulkan = vulkan;
        _registry = vulkan.Registry;
        _window = window;
        ResourceHandle device = vulkan.DeviceHandle;
        VulkanResources res = vulkan.Resources;

        _surface = res.CreateXlibSurface(window, "window surface");
        _rawSurface = _registry.Get(_surface).Handle;
        SurfaceFunctions surfaces = _registry.Get(_surface).Functions;
        _format = ChooseFormat(surfaces.Formats(vulkan.PhysicalDevice.Device, _rawSurface));
        _presentMode = PresentModeKHR.FifoKhr; // the one mode every driver has; it paces the loop to the display
        _timeline = new GpuTimeline(vulkan, device, framesInFlight);
        _pipeline = new TrianglePipeline(vulkan, device, window.Width, window.Height, _format.Format, ImageLayout.PresentSrcKhr);
        _commandPool = res.CreateCommandPool(device, "frame commands");
        _commandBufferResources = new ResourceHandle<CommandBufferResource>[framesInFlight];
        _commandBuffers = new CommandBuffer[framesInFlight];
        _acquiredResources = new ResourceHandle<SemaphoreResource>[framesInFlight];
        _acquired = new VkSemaphore[framesInFlight];
        for (int i = 0; i < framesInFlight; i++)
        {
            _commandBufferResources[i] = res.AllocateCommandBuffer(_commandPool, "frame command buffer");
            _commandBuffers[i] = _registry.Get(_commandBufferResources[i]).Handle;
            _acquiredResources[i] = res.CreateSemaphore(device, "image acquired");
            _acquired[i] = _registry.Get(_acquiredResources[i]).Handle;
        }

        _textures = new StreamedTextures(vulkan, device);
        SurfaceCapabilitiesKHR capabilities = Capabilities();
        _current = SwapchainGeneration.Create(_vulkan, _surface, _format, _presentMode, _pipeline, DrawableExtent(capabilities), capabilities, default);
    }

    /// <summary>The textures the triangle samples: a loader thread streams new ones through it.</summary>
    public StreamedTextures Textures => _textures;

    /// <summary>Frames rendered so far.</summary>
    public long Frame { get; private set; }

    /// <summary>How many times the swapchain was replaced.</summary>
    public int Recreations { get; private set; }

    /// <summary>How many times frames paused because the window was minimised or its surface had a zero extent.</summary>
    public int Pauses { get; private set; }

    /// <summary>Whether the last <see cref="RenderFrame"/> was paused: nothing to present to.</summary>
    public bool IsPaused => _paused;

    /// <summary>Replaced swapchains the presentation engine may still use (held, already released).</summary>
    public int RetiredSwapchains => _retired.Count;

    /// <summary>How many images the current swapchain has.</summary>
    public int SwapchainImages => _current.Views.Length;

    /// <summary>The size of the swapchain images now.</summary>
    public Extent2D Extent => _current.Extent;

    /// <summary>
    /// The window's VkSurfaceKHR, registered under the instance; it outlives every swapchain generation.
    /// </summary>
    public ResourceHandle<SurfaceResource> Surface => _surface;

    /// <summary>
    /// The current generation's VkSwapchainKHR (under the device); a different handle after each recreation.
    /// </summary>
    public ResourceHandle<SwapchainResource> Swapchain => _current.Swapchain;

    /// <summary>
    /// The colour format of the swapchain images and the render pass: B8G8R8A8 or R8G8B8A8 UNORM when the surface
    /// offers one, else the surface's first format.
    /// </summary>
    public Format Format => _format.Format;

    /// <summary>The per-slot fences and submission values this loop submits through.</summary>
    public GpuTimeline Timeline => _timeline;

    /// <summary>
    /// Renders and presents one frame, recreating the swapchain first when the window asks for it. While the window is
    /// minimised or its surface has a zero extent, renders nothing, runs the registry's update only and returns a
    /// result with <see cref="FrameResult.Paused"/> set (its <see cref="FrameResult.Frame"/> is the last frame rendered).
    /// </summary>
    public FrameResult RenderFrame()
    {
        ObjectDisposedException.ThrowIf(_released, this);
        bool resized = _window.PumpEvents();
        if (_window.Minimised || ((_paused || resized || _stale || !SameSize(_current.Extent)) && !Prepare(resized)))
        {
            return Pause();
        }

        _paused = false;
        ulong completed = _timeline.BeginFrame();
        UpdateResult update = _registry.Update(completed);
        _vulkan.Memory.ReleaseEmptyBlocks();
        int slot = _timeline.CurrentSlot;
        if (!Acquire(slot, out uint image))
        {
            // The surface went to a zero extent between the check and the acquire: the frame began, so it still
            // submits (nothing), keeping the timeline's one-submission-per-frame rhythm.
            _timeline.Submit(new SubmitInfo { SType = StructureType.SubmitInfo });
            return Pause();
        }

        _retired.OnAcquired(_current.LastPresentFrame[image] != 0);
        // Only a frame that renders takes the textures that arrived: it waits for their uploads and releases their
        // staging once submitted.
        _textures.BeginFrame();

        ulong value = _timeline.NextValue;
        Frame++;
        TransientResources transients = TransientResources.Create(_vulkan, _pipeline, _textures, Frame);
        Record(slot, image, transients);
        _retired.Hold(_registry, value);
        _uses.Use(_acquiredResources[slot]);
        _uses.Use(_current.PresentReadyResources[image]);
        _uses.MarkAll(_registry, value);
        Submit(slot, image);
        _textures.OnSubmitted();
        Present(image);

        // Released while the GPU still uses it: the registry keeps it until `value` completes.
        _registry.RequestDestroy(transients.Scope, DestroyMode.Cascade);
        return new FrameResult(Frame, value, completed, update, TransientResources.Count, _registry.Count);
    }

    /// <summary>
    /// Teardown: waits for the queue and the presentation engine (device idle, acceptable here as nothing renders any
    /// more) and lets the registry destroy everything the frames released, replaced swapchains included.
    /// </summary>
    public UpdateResult Drain()
    {
        if (_retired.Count > 0)
        {
            // Retired generations are held with the next frame's value; one empty submission reaches it.
            _timeline.BeginFrame();
            _timeline.Submit(new SubmitInfo { SType = StructureType.SubmitInfo });
            _retired.Clear();
        }

        _timeline.WaitAll();
        _vulkan.WaitIdle();
        return _registry.Update(_timeline.Completed);
    }

    /// <summary>Releases what this loop created: surface, swapchain (with its views, framebuffers and semaphores), pipeline objects.</summary>
    public void Release()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        _textures.Release();
        _registry.RequestDestroy(_current.Swapchain, DestroyMode.Cascade);
        _registry.RequestDestroy(_surface);
        _registry.RequestDestroy(_commandPool, DestroyMode.Cascade);
        for (int i = 0; i < _acquired.Length; i++)
        {
            _registry.RequestDestroy(_acquiredResources[i]);
            _registry.RequestDestroy(_timeline.FenceOf(i));
        }

        _pipeline.Release(_registry);
    }

    /// <summary>
    /// Test seam: replaces what the driver reports for the surface, as a driver that gives minimised windows a zero
    /// extent would (lavapipe's X11 surface always reports the window's size). Null: the driver's answer.
    /// </summary>
    internal Func<SurfaceCapabilitiesKHR, SurfaceCapabilitiesKHR>? CapabilitiesOverride { get; set; }

    private bool SameSize(Extent2D extent) => extent.Width == _window.Width && extent.Height == _window.Height;

    /// <summary>
    /// Before a frame whose swapchain may not fit the surface any more: recreates it when its size differs, the window
    /// was resized or it was reported stale. Returns false, creating nothing, when the surface has a zero extent.
    /// </summary>
    private bool Prepare(bool resized)
    {
        SurfaceCapabilitiesKHR capabilities = Capabilities();
        Extent2D extent = DrawableExtent(capabilities);
        if (extent.Width == 0 || extent.Height == 0)
        {
            return false;
        }

        if (resized || _stale || extent.Width != _current.Extent.Width || extent.Height != _current.Extent.Height)
        {
            Recreate(extent, capabilities);
        }

        return true;
    }

    /// <summary>A frame that renders nothing: the registry still destroys whatever the GPU has finished with.</summary>
    private FrameResult Pause()
    {
        if (!_paused)
        {
            _paused = true;
            Pauses++;
        }

        ulong completed = _timeline.Poll();
        UpdateResult update = _registry.Update(completed);
        _vulkan.Memory.ReleaseEmptyBlocks();
        return new FrameResult(Frame, _timeline.LastSubmitted, completed, update, 0, _registry.Count) { Paused = true };
    }

    /// <summary>Acquires the next image; false when the surface went to a zero extent (nothing was acquired).</summary>
    private bool Acquire(int slot, out uint image)
    {
        for (int attempt = 0; attempt < MaxAcquireAttempts; attempt++)
        {
            Result result = _vulkan.SwapchainFunctions!.Acquire(_vulkan.Device, _current.Raw, _acquired[slot], out image);
            switch (result)
            {
                case Result.Success:
                    return true;
                case Result.SuboptimalKhr:
                    // The image is acquired and its semaphore will signal: use it, replace the swapchain next frame.
                    _stale = true;
                    return true;
                case Result.ErrorOutOfDateKhr:
                    // Nothing was acquired and the semaphore stays unsignaled: replace the swapchain and try again.
                    _window.PumpEvents();
                    SurfaceCapabilitiesKHR capabilities = Capabilities();
                    Extent2D extent = DrawableExtent(capabilities);
                    if (_window.Minimised || extent.Width == 0 || extent.Height == 0)
                    {
                        return false;
                    }

                    Recreate(extent, capabilities);
                    continue;
                default:
                    VkCheck.Ok(result, "vkAcquireNextImageKHR");
                    break;
            }
        }

        throw new VulkanException($"vkAcquireNextImageKHR (still out of date after {MaxAcquireAttempts} swapchain recreations)", Result.ErrorOutOfDateKhr);
    }

    private void Recreate(Extent2D extent, in SurfaceCapabilitiesKHR capabilities)
    {
        SwapchainGeneration old = _current;
        _current = SwapchainGeneration.Create(_vulkan, _surface, _format, _presentMode, _pipeline, extent, capabilities, old.Raw);
        // Released at once; held in use until the presentation engine is known to be done with it.
        _registry.RequestDestroy(old.Swapchain, DestroyMode.Cascade);
        _retired.Retire(_registry, old.Handles(), _timeline.NextValue);
        _stale = false;
        Recreations++;
    }

    private SurfaceCapabilitiesKHR Capabilities()
    {
        SurfaceCapabilitiesKHR capabilities = _vulkan.SurfaceFunctions!.Capabilities(_vulkan.PhysicalDevice.Device, _rawSurface);
        return CapabilitiesOverride is { } adjust ? adjust(capabilities) : capabilities;
    }

    /// <summary>
    /// The size a swapchain for this surface must have now: the surface's current extent, or the window's size within
    /// the allowed range where the driver leaves it to the swapchain. Zero (in either dimension) means minimised.
    /// </summary>
    private Extent2D DrawableExtent(in SurfaceCapabilitiesKHR capabilities) =>
        capabilities.CurrentExtent.Width != uint.MaxValue
            ? capabilities.CurrentExtent
            : new Extent2D(
                Math.Clamp(_window.Width, capabilities.MinImageExtent.Width, capabilities.MaxImageExtent.Width),
                Math.Clamp(_window.Height, capabilities.MinImageExtent.Height, capabilities.MaxImageExtent.Height));

    private void Record(int slot, uint image, in TransientResources transients)
    {
        Vk vk = _vulkan.Api;
        CommandBuffer cmd = _commandBuffers[slot];
        _uses.Use(_commandBufferResources[slot]);
        TriangleCommands.Begin(vk, cmd);
        TriangleCommands.ClearScratch(vk, cmd, transients, _uses);
        _textures.Record(vk, cmd, _uses);
        TriangleCommands.Draw(vk, _registry, cmd, _pipeline, transients, _current.Framebuffers[image], _current.Extent, _uses);
        _uses.Use(_current.FramebufferResources[image]);
        _uses.Use(_current.Views[image]);
        _uses.Use(_current.Swapchain); // its image is the attachment
        VkCheck.Ok(vk.EndCommandBuffer(cmd), "vkEndCommandBuffer");
    }

    private void Submit(int slot, uint image) =>
        _timeline.Submit(_commandBuffers[slot], _acquired[slot], PipelineStageFlags.ColorAttachmentOutputBit, _current.PresentReady[image], _textures.Wait);

    private void Present(uint image)
    {
        VkSemaphore wait = _current.PresentReady[image];
        SwapchainKHR swapchain = _current.Raw;
        var info = new PresentInfoKHR
        {
            SType = StructureType.PresentInfoKhr,
            WaitSemaphoreCount = 1,
            PWaitSemaphores = &wait,
            SwapchainCount = 1,
            PSwapchains = &swapchain,
            PImageIndices = &image,
        };
        Result result;
        using (_vulkan.QueueLock.Hold())
        {
            result = _vulkan.SwapchainFunctions!.Present(_vulkan.Queue, info);
        }

        if (result is Result.ErrorOutOfDateKhr or Result.SuboptimalKhr)
        {
            _stale = true;
        }
        else
        {
            VkCheck.Ok(result, "vkQueuePresentKHR");
        }

        _current.LastPresentFrame[image] = Frame;
    }

    private static SurfaceFormatKHR ChooseFormat(SurfaceFormatKHR[] formats)
    {
        // UNORM so the window shows the triangle's colours as written (no sRGB encoding), like the offscreen PNG.
        foreach (SurfaceFormatKHR format in formats)
        {
            if (format.Format is Format.B8G8R8A8Unorm or Format.R8G8B8A8Unorm)
            {
                return format;
            }
        }

        return formats.Length > 0
            ? formats[0]
            : throw new VulkanUnavailableException("the surface offers no format");
    }
}
