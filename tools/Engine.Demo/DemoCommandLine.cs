using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Engine.Resources;
using Serilog.Events;

namespace Engine.Demo;

/// <summary>
/// The demo's command line, on System.CommandLine as resdump's is: a named command (inside another process, tests
/// included, the host's executable name is not Engine.Demo), the standard help and version options, and every refusal
/// as one line that names the argument and what it allows. <see cref="Read"/> then checks what no single option can:
/// an option that needs another, output paths that cannot be written.
/// </summary>
internal sealed class DemoCommandLine
{
    private readonly Option<int> _frames = ArgumentValues.WholeNumber(
        "--frames", "N", 0, DemoOptions.MaxFrames, "Frames to render, 0 (until Ctrl-C) to 10,000,000.", defaultValue: 120);

    private readonly Option<int> _framesInFlight = ArgumentValues.WholeNumber(
        "--frames-in-flight", "N", 1, DemoOptions.MaxFramesInFlight, "Frames the CPU may run ahead of the GPU, 1 to 16.", defaultValue: 2);

    private readonly Option<int> _reportEvery = ArgumentValues.WholeNumber(
        "--report-every", "K", 1, DemoOptions.MaxFrames, "Print a summary every K frames, 1 to 10,000,000.", defaultValue: 30);

    private readonly Option<string?> _png = new("--png")
    {
        HelpName = "PATH",
        Description = "Write the last frame as a PNG (with --window: a screenshot of the window).",
    };

    private readonly Option<bool> _window = new("--window")
    {
        Arity = ArgumentArity.Zero, // a switch: a word after it is an argument of its own, not its value
        Description = "Present to an X11 window ($DISPLAY; e.g. under xvfb-run -a) instead of offscreen. Its close button ends the run as the last frame does; while it is minimised, frames pause.",
    };

    private readonly Option<int> _resizeEvery = ArgumentValues.WholeNumber(
        "--resize-every", "N", 1, DemoOptions.MaxFrames, "With --window: resize the window every N frames, 1 to 10,000,000, so the swapchain is recreated under load.");

    private readonly Option<string?> _snapshot = new("--snapshot")
    {
        HelpName = "PATH",
        Description = "Write the last frame's ownership forest as a resdump snapshot.",
    };

    private readonly Option<int> _snapshotEvery = ArgumentValues.WholeNumber(
        "--snapshot-every", "N", 1, DemoOptions.MaxFrames, "With --snapshot: also write PATH with the frame number before its extension every N frames, 1 to 10,000,000.");

    private readonly Option<int> _streamEvery = ArgumentValues.WholeNumber(
        "--stream-every", "N", 1, DemoOptions.MaxFrames, "A loader thread uploads a texture every N frames through the transfer queue, 1 to 10,000,000; the triangle samples the newest.");

    private readonly Option<LogEventLevel> _logLevel = ArgumentValues.LogLevel(
        "--log-level", LogEventLevel.Information, "Log level: verbose, debug, information, warning, error or fatal.");

    private readonly Option<string?> _logFile = new("--log-file")
    {
        HelpName = "PATH",
        Description = "Also write the log to this file.",
    };

    private readonly Option<int?> _inspect = ArgumentValues.OptionalWholeNumber(
        "--inspect", "PORT", 1, 65535, whenAlone: 0, "Serve the live forest to resdump attach/watch (Engine.Inspector) on 127.0.0.1:PORT, 1 to 65535 (PORT left out: a free port); the URL with its token is printed.");

    private readonly Option<int> _leakEvery = ArgumentValues.WholeNumber(
        "--leak-every", "N", 1, DemoOptions.MaxFrames, "Create a buffer every N frames and never release it (to watch a leak grow), 1 to 10,000,000.");

    private readonly Option<int> _idleResources = ArgumentValues.WholeNumber(
        "--idle-resources", "N", 1, DemoOptions.MaxIdleResources, "Create N resources under the device before the first frame and keep them to the end (a large forest for the inspector, snapshots and benchmarks), 1 to 10,000,000.");

    private readonly Option<int> _fps = ArgumentValues.WholeNumber(
        "--fps", "N", 1, 1000, "Pace frames as a game does, 1 to 1,000 frames per second (default: as fast as it can); the report's frame time is each frame's work, the pacing wait excluded.");

    public DemoCommandLine()
    {
        var help = new HelpOption();
        help.Action = new DemoHelp((HelpAction)help.Action!);
        var version = new VersionOption { Action = new DemoVersion() };
        Command = new Command("Engine.Demo", DemoHelp.Description)
        {
            _frames, _framesInFlight, _reportEvery, _png, _window, _resizeEvery, _snapshot, _snapshotEvery, _streamEvery,
            _logLevel, _logFile, _inspect, _leakEvery, _idleResources, _fps, version, help,
        };
    }

    public Command Command { get; }

    /// <summary>One line listing every option, printed under an argument error.</summary>
    public string Usage => "usage: Engine.Demo " + string.Join(' ', Command.Options.Select(UsageOf));

    /// <summary>Parses <paramref name="args"/>. Response files are off: a value starting with '@' (a file name) is taken as typed.</summary>
    public ParseResult Parse(IReadOnlyList<string> args) =>
        Command.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    /// <summary>
    /// What <paramref name="parse"/> asks for; null, with the one line that says why, when the arguments are wrong.
    /// (A parse that asks for --help or --version is invoked instead.)
    /// </summary>
    public DemoOptions? Read(ParseResult parse, out string? error)
    {
        if (parse.Errors.Count > 0)
        {
            error = FirstError(parse);
            return null;
        }

        var options = new DemoOptions
        {
            Frames = parse.GetValue(_frames),
            FramesInFlight = parse.GetValue(_framesInFlight),
            ReportEvery = parse.GetValue(_reportEvery),
            PngPath = parse.GetValue(_png),
            Window = parse.GetValue(_window),
            ResizeEvery = parse.GetValue(_resizeEvery),
            SnapshotPath = parse.GetValue(_snapshot),
            SnapshotEvery = parse.GetValue(_snapshotEvery),
            StreamEvery = parse.GetValue(_streamEvery),
            LogLevel = parse.GetValue(_logLevel),
            LogFile = parse.GetValue(_logFile),
            InspectPort = parse.GetValue(_inspect),
            LeakEvery = parse.GetValue(_leakEvery),
            IdleResources = parse.GetValue(_idleResources),
            Fps = parse.GetValue(_fps),
        };
        error = Conflict(options);
        return error is null ? options : null;
    }

    /// <summary>What no single option can check: one that needs another, and output paths.</summary>
    private static string? Conflict(DemoOptions options)
    {
        if (options.ResizeEvery > 0 && !options.Window)
        {
            return "--resize-every needs --window";
        }

        if (options.SnapshotEvery > 0 && options.SnapshotPath is null)
        {
            return "--snapshot-every needs --snapshot PATH";
        }

        foreach ((string option, string? path) in new[] { ("--png", options.PngPath), ("--snapshot", options.SnapshotPath), ("--log-file", options.LogFile) })
        {
            if (path is not null && OutputPathCheck.Problem(option, path) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// The error to show: an option's own (its range, its missing value) before words no option takes, since it says
    /// more. Values in the options' own messages are escaped where they are written (<see cref="ArgumentValues"/>).
    /// </summary>
    private static string FirstError(ParseResult parse)
    {
        foreach (ParseError error in parse.Errors)
        {
            if (error.SymbolResult is OptionResult { Tokens.Count: 0, Option: { Arity.MinimumNumberOfValues: > 0 } option })
            {
                return $"{option.Name} needs a value";
            }

            if (error.SymbolResult is OptionResult)
            {
                return OneLine(error.Message);
            }
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            return token.StartsWith('-')
                ? $"unknown option {ResourceLabels.Text(token)} (see --help)"
                : $"unexpected argument '{ResourceLabels.Text(token)}' (see --help)";
        }

        // The parser's own messages may quote what was typed: escaped, so that the line stays one line.
        return ResourceLabels.Text(OneLine(parse.Errors[0].Message));
    }

    /// <summary>Some parser messages span lines; the error must stay one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string UsageOf(Option option) => option.Arity.MaximumNumberOfValues switch
    {
        0 => $"[{option.Name}]",
        _ when option.Arity.MinimumNumberOfValues == 0 => $"[{option.Name} [{option.HelpName}]]",
        _ => $"[{option.Name} {option.HelpName}]",
    };
}
