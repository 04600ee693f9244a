using System.Globalization;
using Serilog.Events;

namespace Engine.Demo;

/// <summary>The demo's command line.</summary>
public sealed record DemoOptions
{
    public const string Usage =
        "usage: Engine.Demo [--frames N] [--png PATH] [--report-every K] [--frames-in-flight N] [--log-level LEVEL] [--log-file PATH] [--snapshot PATH [--snapshot-every N]] [--window [--resize-every N]] [--stream-every N] [--inspect [PORT]] [--leak-every N] [--fps N] [--version] [--help]";

    /// <summary>The most frames one run renders.</summary>
    public const int MaxFrames = 10_000_000;

    /// <summary>The most frames in flight (each holds a render target, a command buffer, a fence and a semaphore).</summary>
    public const int MaxFramesInFlight = 16;

    public const string Help = Usage + """


        Renders frames through the resource registry, offscreen or (--window) to an X11 window, with transient resources
        released while the GPU still uses them, and ends with a report: `swapchain recreations: N`,
        `frame time: p50 …, p99 …, max …`, `validation: errors=E warnings=W` and `leaks: L`.

          --frames N             frames to render, 0 (until Ctrl-C) to 10,000,000 (default 120)
          --frames-in-flight N   frames the CPU may run ahead of the GPU, 1 to 16 (default 2)
          --report-every K       print a summary every K frames, 1 to 10,000,000 (default 30)
          --png PATH             write the last frame as a PNG (with --window: a screenshot of the window)
          --window               present to an X11 window ($DISPLAY; e.g. under xvfb-run -a) instead of offscreen
          --resize-every N       with --window: resize the window every N frames, 1 to 10,000,000, so the
                                 swapchain is recreated under load
          --snapshot PATH        write the last frame's ownership forest as a resdump snapshot
          --snapshot-every N     also write PATH with the frame number before its extension every N frames
          --stream-every N       a loader thread uploads a texture every N frames, 1 to 10,000,000, registering it
                                 from its own thread; the newest four are kept
          --log-level LEVEL      verbose, debug, information, warning, error or fatal (default information)
          --log-file PATH        also write the log to this file
          --inspect [PORT]       serve the live forest to resdump attach/watch (Engine.Inspector) on 127.0.0.1:PORT,
                                 1 to 65535 (default: a free port); the URL with its token is printed
          --leak-every N         create a buffer every N frames and never release it (to watch a leak grow)
          --fps N                pace frames as a game does, 1 to 1,000 frames per second (default: as fast as
                                 it can); the report's frame time is each frame's work, the pacing wait excluded
          --version              print the version and exit
          --help                 show this text

        Ctrl-C ends the run after the frame in progress (written as the PNG if one was asked for), with the orderly
        teardown and the full report. Output paths are checked before any Vulkan work. Exit codes: 0 clean, 1 validation
        messages or leaks (or a Vulkan failure), 2 bad arguments, 3 no Vulkan driver installed (or, with --window, no X
        display).
        """;

    /// <summary>True when --version was asked for: print the version and do nothing else.</summary>
    public bool ShowVersion { get; init; }

    /// <summary>True when --help was asked for: print <see cref="Help"/> and do nothing else.</summary>
    public bool ShowHelp { get; init; }

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

    /// <summary>Frames per second to pace to; 0: as fast as it can.</summary>
    public int Fps { get; init; }

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are wrong.</summary>
    public static DemoOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new DemoOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "--help" or "-h" or "-?")
            {
                return new DemoOptions { ShowHelp = true };
            }

            if (name == "--version")
            {
                return new DemoOptions { ShowVersion = true };
            }

            if (name == "--inspect")
            {
                int port = 0;
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    if (!TryInRange(name, args[++i], 1, 65535, out port, out error))
                    {
                        return null;
                    }
                }

                options = options with { InspectPort = port };
                continue;
            }

            if (name == "--window")
            {
                options = options with { Window = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            string value = args[++i];
            switch (name)
            {
                case "--frames":
                    if (!TryInRange(name, value, 0, MaxFrames, out int frames, out error))
                    {
                        return null;
                    }

                    options = options with { Frames = frames };
                    break;
                case "--report-every":
                    if (!TryInRange(name, value, 1, MaxFrames, out int every, out error))
                    {
                        return null;
                    }

                    options = options with { ReportEvery = every };
                    break;
                case "--frames-in-flight":
                    if (!TryInRange(name, value, 1, MaxFramesInFlight, out int inFlight, out error))
                    {
                        return null;
                    }

                    options = options with { FramesInFlight = inFlight };
                    break;
                case "--resize-every":
                    if (!TryInRange(name, value, 1, MaxFrames, out int resizeEvery, out error))
                    {
                        return null;
                    }

                    options = options with { ResizeEvery = resizeEvery };
                    break;
                case "--stream-every":
                    if (!TryInRange(name, value, 1, MaxFrames, out int streamEvery, out error))
                    {
                        return null;
                    }

                    options = options with { StreamEvery = streamEvery };
                    break;
                case "--leak-every":
                    if (!TryInRange(name, value, 1, MaxFrames, out int leakEvery, out error))
                    {
                        return null;
                    }

                    options = options with { LeakEvery = leakEvery };
                    break;
                case "--fps":
                    if (!TryInRange(name, value, 1, 1000, out int fps, out error))
                    {
                        return null;
                    }

                    options = options with { Fps = fps };
                    break;
                case "--png":
                    options = options with { PngPath = value };
                    break;
                case "--log-file":
                    options = options with { LogFile = value };
                    break;
                case "--snapshot":
                    options = options with { SnapshotPath = value };
                    break;
                case "--snapshot-every":
                    if (!TryInRange(name, value, 1, MaxFrames, out int snapshotEvery, out error))
                    {
                        return null;
                    }

                    options = options with { SnapshotEvery = snapshotEvery };
                    break;
                case "--log-level" when Enum.TryParse(value, ignoreCase: true, out LogEventLevel level) && Enum.IsDefined(level):
                    options = options with { LogLevel = level };
                    break;
                case "--log-level":
                    error = $"--log-level must be one of verbose, debug, information, warning, error, fatal; got '{value}'";
                    return null;
                default:
                    error = $"unknown option {name} (see --help)";
                    return null;
            }
        }

        if (options.ResizeEvery > 0 && !options.Window)
        {
            error = "--resize-every needs --window";
            return null;
        }

        if (options.SnapshotEvery > 0 && options.SnapshotPath is null)
        {
            error = "--snapshot-every needs --snapshot PATH";
            return null;
        }

        // Before any Vulkan work: a path that cannot be written would otherwise fail after every frame was rendered.
        foreach ((string option, string? path) in new[] { ("--png", options.PngPath), ("--snapshot", options.SnapshotPath), ("--log-file", options.LogFile) })
        {
            if (path is not null && CheckWritable(option, path) is { } problem)
            {
                error = problem;
                return null;
            }
        }

        return options;
    }

    /// <summary>Null when a file can be written at <paramref name="path"/>; otherwise why not, in one line.</summary>
    private static string? CheckWritable(string option, string path)
    {
        if (path.Length == 0 || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return $"{option}: '{path}' is not a valid path";
        }

        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"{option}: '{path}' is a directory; give a file name";
        }

        // Missing directories are created when the file is written: probe the nearest one that exists.
        string directory = Path.GetDirectoryName(full) ?? ".";
        while (!Directory.Exists(directory))
        {
            if (File.Exists(directory))
            {
                return $"{option}: '{directory}' is a file, so '{path}' cannot be created";
            }

            directory = Path.GetDirectoryName(directory) ?? "/";
        }

        string probe = Path.Combine(directory, $".engine-demo-probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option}: cannot write in '{directory}': {e.Message}";
        }
    }

    private static bool TryInRange(string option, string text, int min, int max, out int value, out string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            error = null;
            return true;
        }

        error = $"{option} must be a whole number from {min:N0} to {max:N0}; got '{text}'";
        return false;
    }

    /// <summary>The file of the periodic snapshot taken at <paramref name="frame"/>: PATH with the frame before its extension.</summary>
    public string PeriodicSnapshotPath(long frame)
    {
        string path = SnapshotPath ?? throw new InvalidOperationException("No snapshot path was given.");
        string directory = Path.GetDirectoryName(path) ?? string.Empty;
        string name = $"{Path.GetFileNameWithoutExtension(path)}.frame{frame:D6}{Path.GetExtension(path)}";
        return Path.Combine(directory, name);
    }

}
