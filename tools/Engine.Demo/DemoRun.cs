using System.Globalization;
using System.Diagnostics;
using Engine.Render.Frames;
using Engine.Render.Presentation;
using Engine.Render.Streaming;
using Engine.Render.Vulkan;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Serilog;

namespace Engine.Demo;

/// <summary>One run of the demo loop, from Vulkan bring-up to the registry's teardown report.</summary>
public sealed class DemoRun
{
    private readonly DemoOptions _options;
    private readonly ILogger _logger;
    private readonly TextWriter _output;
    private readonly CancellationToken _interrupt;

    /// <param name="interrupt">Ctrl-C: the frame being rendered is the last one, then the usual teardown and report.</param>
    public DemoRun(DemoOptions options, ILogger logger, TextWriter output, CancellationToken interrupt = default)
    {
        _options = options;
        _logger = logger;
        _output = output;
        _interrupt = interrupt;
    }

    /// <summary>The window's size at start; --resize-every shrinks it in steps from there.</summary>
    public const uint WindowWidth = 640;

    public const uint WindowHeight = 480;

    public DemoReport Execute()
    {
        // The window outlives the registry: the surface on it is destroyed by the registry's teardown.
        using X11Window? window = _options.Window ? X11Window.Open(WindowWidth, WindowHeight, "Engine.Demo") : null;
        VulkanContext? vulkan = null;
        // The registry waits for the GPU before tearing down; the context exists only after it.
        var registry = new ResourceRegistry(_logger, () => vulkan?.WaitIdle());
        int recreations = 0;
        try
        {
            vulkan = VulkanContext.Create(registry, new VulkanContextOptions
            {
                ApplicationName = "Engine.Demo",
                Validation = ValidationMode.IfAvailable,
                Logger = _logger,
                Presentation = window is not null,
            });
            _output.WriteLine($"device: {vulkan.PhysicalDevice.Name} ({vulkan.PhysicalDevice.Type}), validation {(vulkan.ValidationEnabled ? "on" : "off")}");
            List<ResourceHandle> idle = CreateIdleResources(vulkan, _options.IdleResources);
            using Engine.Inspector.ResourceInspector? inspector = _options.InspectPort is int port
                ? Engine.Inspector.ResourceInspector.Start(registry, new Engine.Inspector.InspectorOptions { Port = port }, _logger)
                : null;
            if (inspector is not null)
            {
                _output.WriteLine($"inspector: {inspector.Url}");
            }

            IDemoLoop loop = window is null ? new OffscreenDemoLoop(vulkan, _options) : new WindowDemoLoop(vulkan, window, _options);
            RunFrames(vulkan, loop);
            recreations = loop.SwapchainRecreations;
            idle.ForEach(group => registry.RequestDestroy(group, DestroyMode.Cascade));
            vulkan.Release();
            registry.Update();
        }
        finally
        {
            TeardownReport teardown = registry.Shutdown();
            Leaks = teardown.Leaks.Count;
        }

        return new DemoReport(vulkan.Validation.Counts, Leaks, recreations);
    }

    private int Leaks { get; set; }

    /// <summary>A large forest that changes nothing per frame: groups of a thousand scopes under the device (what a big
    /// engine's persistent resources look like to the inspector); the groups, to release at the end.</summary>
    private List<ResourceHandle> CreateIdleResources(VulkanContext vulkan, int count)
    {
        var groups = new List<ResourceHandle>();
        if (count == 0)
        {
            return groups;
        }

        vulkan.Registry.Reserve<Engine.Render.Payloads.FrameScopeResource>(count);
        ResourceHandle group = default;
        for (int i = 0; i < count; i++)
        {
            if (i % 1000 == 0)
            {
                group = vulkan.Resources.CreateFrameScope(vulkan.DeviceHandle, 0, $"idle group {i / 1000}");
                groups.Add(group);
            }
            else
            {
                vulkan.Resources.CreateFrameScope(group, 0);
            }
        }

        _output.WriteLine($"idle resources: {count:N0} under the device");
        return groups;
    }

    private void RunFrames(VulkanContext vulkan, IDemoLoop loop)
    {
        long destroyed = 0;
        long created = 0;
        // Steady state: after the first frames have grown every pool, table and queue.
        int warmup = _options.Frames == 0 ? 10 : Math.Min(10, _options.Frames / 2);
        long allocatedAtWarmup = 0;
        var clock = Stopwatch.StartNew();
        int rendered = 0;
        using StreamingLoader? loader = _options.StreamEvery > 0 ? new StreamingLoader(loop.Textures) : null;
        var frameTimes = new FrameTimes();
        var windowTimes = new FrameTimes(); // since the last report line
        int gen0Before = GC.CollectionCount(0);
        int gen2Before = GC.CollectionCount(2);
        long frameTicks = _options.Fps > 0 ? Stopwatch.Frequency / _options.Fps : 0;
        long nextFrameAt = Stopwatch.GetTimestamp();
        for (int i = 1; _options.Frames == 0 || i <= _options.Frames; i++)
        {
            rendered = i;
            long frameStart = Stopwatch.GetTimestamp();
            if (i == warmup + 1)
            {
                allocatedAtWarmup = GC.GetAllocatedBytesForCurrentThread();
            }

            bool interrupted = _interrupt.IsCancellationRequested;
            bool last = i == _options.Frames || interrupted;
            FrameResult frame = loop.RenderFrame(i, last);
            bool resumed = false;
            if (frame.Paused)
            {
                if (!WaitWhilePaused(loop, i, last, out frame))
                {
                    rendered = i - 1;
                    _output.WriteLine(loop.CloseRequested
                        ? $"window closed at frame {rendered} (minimised): tearing down"
                        : $"interrupted at frame {rendered} (minimised): tearing down");
                    break;
                }

                resumed = true; // its time includes the swapchain's recreation, not the wait: still not a usual frame
            }

            loader?.OnFrame(i, _options.StreamEvery);
            if (_options.LeakEvery > 0 && i % _options.LeakEvery == 0)
            {
                // Deliberately never released: what `resdump watch` and `resdump attach … leaks` are for.
                vulkan.Resources.CreateBuffer(vulkan.DeviceHandle, 256, Silk.NET.Vulkan.BufferUsageFlags.UniformBufferBit, "leaked staging buffer");
            }

            created += frame.Created;
            destroyed += frame.Update.Destroyed;
            if (_options.SnapshotEvery > 0 && i % _options.SnapshotEvery == 0 && !last)
            {
                WriteSnapshot(vulkan.Registry, _options.PeriodicSnapshotPath(i));
            }

            if (i > warmup && !resumed)
            {
                long elapsed = Stopwatch.GetTimestamp() - frameStart;
                frameTimes.Add(elapsed);
                windowTimes.Add(elapsed);
            }

            if (i % _options.ReportEvery == 0)
            {
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"frame {frame.Frame}: live={frame.LiveResources} destroyed={frame.Update.Destroyed} waiting-for-gpu={frame.Update.WaitingForGpu} blocked={frame.Update.Blocked} submitted={frame.TimelineValue} completed={frame.CompletedValue} frame-time-p99={windowTimes.Percentile(0.99):F2}ms gc={GC.CollectionCount(0) - gen0Before}/{GC.CollectionCount(2) - gen2Before}"));
                windowTimes.Clear();
                gen0Before = GC.CollectionCount(0);
                gen2Before = GC.CollectionCount(2);
            }

            if (interrupted)
            {
                _output.WriteLine($"interrupted at frame {i}: tearing down");
                break;
            }

            if (loop.CloseRequested)
            {
                // The close button: the same end as the last frame, report and all.
                _output.WriteLine($"window closed at frame {i}: tearing down");
                break;
            }

            if (frameTicks > 0)
            {
                // Paced as a game is: the wait is not part of the frame's time.
                nextFrameAt += frameTicks;
                long wait = nextFrameAt - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                }
                else
                {
                    nextFrameAt = Stopwatch.GetTimestamp(); // late: do not try to catch up
                }
            }
        }

        long steadyFrames = rendered - warmup;
        long allocatedPerFrame = steadyFrames > 0 ? (GC.GetAllocatedBytesForCurrentThread() - allocatedAtWarmup) / steadyFrames : 0;
        if (_options.SnapshotPath is not null)
        {
            // The live forest of the last frame, before the loop's own resources are released.
            WriteSnapshot(vulkan.Registry, _options.SnapshotPath);
        }

        loader?.Dispose();
        destroyed += loop.Drain().Destroyed;
        bool pngWritten = _options.PngPath is not null && loop.WritePng(_options.PngPath);

        clock.Stop();
        double seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        _output.WriteLine($"frames: {rendered} in {seconds:F2} s ({rendered / seconds:F1} fps)");
        if (frameTimes.Count > 0)
        {
            _output.WriteLine(FormattableString.Invariant(
                $"frame time: p50 {frameTimes.Percentile(0.5):F2} ms, p99 {frameTimes.Percentile(0.99):F2} ms, max {frameTimes.MaxMs:F2} ms ({frameTimes.Count} frames after warm-up)"));
        }

        _output.WriteLine($"transient resources: created {created}, destroyed {destroyed} ({created / seconds:F0} created/s, {destroyed / seconds:F0} destroyed/s)");
        _output.WriteLine($"managed allocations: {allocatedPerFrame} bytes/frame after {warmup} warm-up frames (progress lines included)");
        if (PeakResidentMegabytes() is long peak)
        {
            _output.WriteLine($"peak RSS: {peak} MB (managed heap {GC.GetTotalMemory(forceFullCollection: false) / 1024} KB, {vulkan.Registry.Count} live resources)");
        }

        _output.WriteLine($"GPU memory: {vulkan.Memory.AllocateCalls} vkAllocateMemory calls, {vulkan.Memory.LiveBlocks} blocks live ({vulkan.Memory.BlockSize >> 20} MiB each, buffers and images carved from them)");
        if (_options.PngPath is not null)
        {
            _output.WriteLine(pngWritten ? $"png: {_options.PngPath}" : "png: not written (the window is minimised)");
        }

        loop.Release();
        if (loader is not null)
        {
            // After the loop's release: the textures still in flight at the end are released (and counted) there.
            StreamedTextures textures = loop.Textures;
            string queue = vulkan.PhysicalDevice.HasDedicatedTransferFamily ? "a dedicated transfer queue" : "the graphics queue";
            _output.WriteLine($"streamed textures: {textures.Uploaded} uploaded by the loader thread, {textures.Released} released ({textures.Arrived} reached the frames, {loader.Unserved} requests found no room, through {queue})");
        }
    }

    /// <summary>
    /// The window is minimised: nothing renders, so wait for its events (bounded, so Ctrl-C is seen) and ask for the
    /// same frame again until it renders. False when the run ends first (close button or Ctrl-C).
    /// </summary>
    private bool WaitWhilePaused(IDemoLoop loop, int frameNumber, bool last, out FrameResult frame)
    {
        _output.WriteLine($"window minimised before frame {frameNumber}: paused");
        long pausedAt = Stopwatch.GetTimestamp();
        do
        {
            if (loop.CloseRequested || _interrupt.IsCancellationRequested)
            {
                frame = default;
                return false;
            }

            loop.WaitForWindow();
            frame = loop.RenderFrame(frameNumber, last);
        }
        while (frame.Paused);

        _output.WriteLine(FormattableString.Invariant($"window restored: resumed at frame {frameNumber} after {Stopwatch.GetElapsedTime(pausedAt).TotalSeconds:F1} s"));
        return true;
    }

    /// <summary>The process's peak resident set (VmHWM), where /proc says it; null elsewhere.</summary>
    private static long? PeakResidentMegabytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) / 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private void WriteSnapshot(ResourceRegistry registry, string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        registry.WriteSnapshotFile(path);
        _logger.Information("Wrote snapshot {Path} at frame {Frame} ({Resources} resources)", path, registry.Frame, registry.Count);
        if (path == _options.SnapshotPath)
        {
            _output.WriteLine($"snapshot: {path} ({registry.Count} resources)");
        }
    }
}
