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

    /// <summary>The textures the triangle samples; the demo's loader thread streams into them.</summary>
    StreamedTextures Textures { get; }

    FrameResult RenderFrame(int frame, bool last);

    UpdateResult Drain();

    /// <summary>After <see cref="Drain"/>: the last frame as a PNG.</summary>
    void WritePng(string path);

    void Release();
}

/// <summary>The offscreen loop; the PNG is a readback of the last frame's target.</summary>
internal sealed class OffscreenDemoLoop(VulkanContext vulkan, DemoOptions options) : IDemoLoop
{
    private readonly HeadlessFrameLoop _loop = new(vulkan, new FrameLoopOptions { FramesInFlight = options.FramesInFlight });

    public int SwapchainRecreations => 0;

    public StreamedTextures Textures => _loop.Textures;

    public FrameResult RenderFrame(int frame, bool last) => _loop.RenderFrame(capture: last && options.PngPath is not null);

    public UpdateResult Drain() => _loop.Drain();

    public void WritePng(string path) => PngOutput.Write(path, _loop.ReadCapturedPixels(), (int)_loop.Pipeline.Width, (int)_loop.Pipeline.Height);

    public void Release() => _loop.Release();
}

/// <summary>The windowed loop; every <see cref="DemoOptions.ResizeEvery"/> frames the window changes size. The PNG is a screenshot of the window.</summary>
internal sealed class WindowDemoLoop(VulkanContext vulkan, X11Window window, DemoOptions options) : IDemoLoop
{
    private readonly WindowFrameLoop _loop = new(vulkan, window, options.FramesInFlight);

    public int SwapchainRecreations => _loop.Recreations;

    public StreamedTextures Textures => _loop.Textures;

    public FrameResult RenderFrame(int frame, bool last)
    {
        if (options.ResizeEvery > 0 && frame % options.ResizeEvery == 0)
        {
            // Seven sizes in turn, never the same twice in a row.
            uint step = (uint)(frame / options.ResizeEvery % 7);
            window.Resize(DemoRun.WindowWidth - (step * 40), DemoRun.WindowHeight - (step * 30));
        }

        return _loop.RenderFrame();
    }

    public UpdateResult Drain() => _loop.Drain();

    public void WritePng(string path)
    {
        byte[] pixels = window.Capture(out uint width, out uint height);
        PngOutput.Write(path, pixels, (int)width, (int)height);
    }

    public void Release() => _loop.Release();
}
