using Serilog.Events;

namespace Engine.Demo;

/// <summary>What one run of the demo does, as read from its command line (<see cref="DemoCommandLine"/>).</summary>
public sealed record DemoOptions
{
    /// <summary>The most frames one run renders.</summary>
    public const int MaxFrames = 10_000_000;

    /// <summary>The most frames in flight (each holds a render target, a command buffer, a fence and a semaphore).</summary>
    public const int MaxFramesInFlight = 16;

    /// <summary>Frames to render; 0: until Ctrl-C.</summary>
    public int Frames { get; init; } = 120;

    public string? PngPath { get; init; }

    public int ReportEvery { get; init; } = 30;

    public int FramesInFlight { get; init; } = 2;

    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    public string? LogFile { get; init; }

    /// <summary>Where the last frame's ownership forest is written (a resdump snapshot), if anywhere.</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>Also write a snapshot every this many frames, next to <see cref="SnapshotPath"/> (0: only at the end).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>Present to an X11 window instead of rendering offscreen.</summary>
    public bool Window { get; init; }

    /// <summary>With <see cref="Window"/>: resize the window every this many frames (0: never).</summary>
    public int ResizeEvery { get; init; }

    /// <summary>A loader thread uploads a texture every this many frames (0: no loader thread).</summary>
    public int StreamEvery { get; init; }

    /// <summary>Serve the live forest (Engine.Inspector) on this port; 0: a free one; null: no inspector.</summary>
    public int? InspectPort { get; init; }

    /// <summary>Create a buffer every this many frames and never release it (0: never), to demonstrate leak hunting.</summary>
    public int LeakEvery { get; init; }

    /// <summary>The most <see cref="IdleResources"/> accepts.</summary>
    public const int MaxIdleResources = 10_000_000;

    /// <summary>Resources created under the device before the first frame and kept to the end (0: none).</summary>
    public int IdleResources { get; init; }

    /// <summary>Frames per second to pace to; 0: as fast as it can.</summary>
    public int Fps { get; init; }

    /// <summary>The file of the periodic snapshot taken at <paramref name="frame"/>: PATH with the frame before its extension.</summary>
    public string PeriodicSnapshotPath(long frame)
    {
        string path = SnapshotPath ?? throw new InvalidOperationException("No snapshot path was given.");
        string directory = Path.GetDirectoryName(path) ?? string.Empty;
        string name = $"{Path.GetFileNameWithoutExtension(path)}.frame{frame:D6}{Path.GetExtension(path)}";
        return Path.Combine(directory, name);
    }
}
