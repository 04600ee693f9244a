using System.Globalization;
using Serilog.Events;

namespace Engine.Demo;

/// <summary>The demo's command line.</summary>
public sealed record DemoOptions
{
    public const string Usage =
        "usage: Engine.Demo [--frames N] [--png PATH] [--report-every K] [--frames-in-flight N] [--log-level LEVEL] [--log-file PATH]";

    public int Frames { get; init; } = 120;

    public string? PngPath { get; init; }

    public int ReportEvery { get; init; } = 30;

    public int FramesInFlight { get; init; } = 2;

    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    public string? LogFile { get; init; }

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
                case "--log-level" when Enum.TryParse(value, ignoreCase: true, out LogEventLevel level) && Enum.IsDefined(level):
                    options = options with { LogLevel = level };
                    break;
                default:
                    error = $"invalid argument: {name} {value}";
                    return null;
            }
        }

        return options;
    }

    private static bool TryPositive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
