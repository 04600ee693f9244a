using System.Globalization;
using Serilog.Events;

namespace Engine.Demo;

/// <summary>The demo's command line.</summary>
public sealed record DemoOptions
{
    public const string Usage =
        "usage: Engine.Demo [--frames N] [--png PATH] [--report-every K] [--frames-in-flight N] [--log-level LEVEL] [--log-file PATH] [--snapshot PATH [--snapshot-every N]]";

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

    /// <summary>Parses the arguments; returns null and sets <paramref name="error"/> when they are wrong.</summary>
    public static DemoOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new DemoOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            string value = args[++i];
            switch (name)
            {
                case "--frames" when TryPositive(value, out int frames):
                    options = options with { Frames = frames };
                    break;
                case "--report-every" when TryPositive(value, out int every):
                    options = options with { ReportEvery = every };
                    break;
                case "--frames-in-flight" when TryPositive(value, out int inFlight):
                    options = options with { FramesInFlight = inFlight };
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
                case "--snapshot-every" when TryPositive(value, out int snapshotEvery):
                    options = options with { SnapshotEvery = snapshotEvery };
                    break;
                case "--log-level" when Enum.TryParse(value, ignoreCase: true, out LogEventLevel level) && Enum.IsDefined(level):
                    options = options with { LogLevel = level };
                    break;
                default:
                    error = $"invalid argument: {name} {value}";
                    return null;
            }
        }

        if (options.SnapshotEvery > 0 && options.SnapshotPath is null)
        {
            error = "--snapshot-every needs --snapshot PATH";
            return null;
        }

        return options;
    }

    /// <summary>The file of the periodic snapshot taken at <paramref name="frame"/>: PATH with the frame before its extension.</summary>
    public string PeriodicSnapshotPath(long frame)
    {
        string path = SnapshotPath ?? throw new InvalidOperationException("No snapshot path was given.");
        string directory = Path.GetDirectoryName(path) ?? string.Empty;
        string name = $"{Path.GetFileNameWithoutExtension(path)}.frame{frame:D6}{Path.GetExtension(path)}";
        return Path.Combine(directory, name);
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
