using Engine.Render.Frames;
using Engine.Render.Presentation;
using Engine.Render.Streaming;
using Engine.Render.Vulkan;
using Engine.Resources;

namespace Engine.Demo;

/// <summary>What the demo needs from a frame loop, offscreen or windowed.</summary>
internal interface IDemoLoop
{
    int SwapchainRecreations { get; }

    /// <summary>The window's close button was pressed: end the run as if the last frame was reached.</summary>
    bool CloseRequested { get; }

    /// <summary>The textures the triangle samples; the demo's loader thread streams into them.</summary>
    StreamedTextures Textures { get; }

    /// <summary>A <see cref="FrameResult.Paused"/> frame rendered nothing; the same frame is asked for again after <see cref="WaitForWindow"/>.</summary>
    FrameResult RenderFrame(int frame, bool last);

    /// <summary>After a paused frame: sleeps until the window has news, at most a tenth of a second (so Ctrl-C is seen).</summary>
    void WaitForWindow();

    UpdateResult Drain();

    /// <summary>After <see cref="Drain"/>: the last frame as a PNG; false when there is none (a minimised window shows nothing).</summary>
    bool WritePng(string path);

    void Release();
}

/// <summary>The offscreen loop; the PNG is a readback of the last frame's target.</summary>
internal sealed class OffscreenDemoLoop(VulkanContext vulkan, DemoOptions options) : IDemoLoop
{
    private readonly HeadlessFrameLoop _loop = new(vulkan, new FrameLoopOptions { FramesInFlight = options.FramesInFlight });

    public int SwapchainRecreations => 0;

    public bool CloseRequested => false;

    public StreamedTextures Textures => _loop.Textures;

    public FrameResult RenderFrame(int frame, bool last) => _loop.RenderFrame(capture: last && options.PngPath is not null);

    public void WaitForWindow()
    {
    }

    public UpdateResult Drain() => _loop.Drain();

    public bool WritePng(string path)
    {
        PngOutput.Write(path, _loop.ReadCapturedPixels(), (int)_loop.Pipeline.Width, (int)_loop.Pipeline.Height);
        return true;
    }

    public void Release() => _loop.Release();
}

/// <summary>
/// The windowed loop; every <see cref="DemoOptions.ResizeEvery"/> frames the window changes size. The PNG is a
/// screenshot of the window (none while it is minimised: nothing is on screen).
/// </summary>
internal sealed class WindowDemoLoop(VulkanContext vulkan, X11Window window, DemoOptions options) : IDemoLoop
{
    private const int WaitMilliseconds = 100;

    private readonly WindowFrameLoop _loop = new(vulkan, window, options.FramesInFlight);
    private int _resizedAt;

    public int SwapchainRecreations => _loop.Recreations;

    public bool CloseRequested => window.CloseRequested;

    public StreamedTextures Textures => _loop.Textures;

    public FrameResult RenderFrame(int frame, bool last)
    {
        // Once per frame number: a paused frame is asked for again.
        if (options.ResizeEvery > 0 && frame % options.ResizeEvery == 0 && frame != _resizedAt)
        {
            _resizedAt = frame;
            // Seven sizes in turn, never the same twice in a row.
            uint step = (uint)(frame / options.ResizeEvery % 7);
            window.Resize(DemoRun.WindowWidth - (step * 40), DemoRun.WindowHeight - (step * 30));
        }

        return _loop.RenderFrame();
    }

    public void WaitForWindow() => window.WaitForEvents(WaitMilliseconds);

    public UpdateResult Drain() => _loop.Drain();

    public bool WritePng(string path)
    {
        if (window.Minimised)
        {
            return false;
        }

        byte[] pixels = window.Capture(out uint width, out uint height);
        PngOutput.Write(path, pixels, (int)width, (int)height);
        return true;
    }

    public void Release() => _loop.Release();
}
