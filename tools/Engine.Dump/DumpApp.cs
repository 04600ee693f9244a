using System.CommandLine;
using System.CommandLine.Help;
using Engine.Dump.Commands;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Serilog.Core;

namespace Engine.Dump;

/// <summary>
/// The command line: parses, configures logging, runs one command and turns every failure into one
/// line on stderr with exit code 2 (1 is reserved for checks that found a problem).
/// </summary>
public static class DumpApp
{
    public static int Run(string[] args, DumpEnvironment env)
    {
        if (args.Length > 0 && args[0] == "attach")
        {
            // Against a running engine: the live snapshot goes to a temporary file, then the usual command runs on it.
            return AttachCommand.Run(args, env, rewritten => Run(rewritten, env));
        }

        if (args.Length > 0 && args[0] == "watch")
        {
            return WatchCommand.Run(args, env);
        }

        var logFile = new Option<string?>("--log-file") { Description = "Also write the log to this file (with full error details).", Recursive = true };
        var logLevel = new Option<string>("--log-level") { Description = "Log level: verbose, debug, information, warning, error, fatal.", DefaultValueFactory = _ => "warning", Recursive = true };
        logLevel.AcceptOnlyFromAmong(LoggingSetup.Levels);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write what the command prints to this file instead of standard output (the whole file or nothing: it appears only when the command succeeds).",
            Recursive = true,
        };

        // A named command rather than RootCommand: RootCommand takes the host's executable name, which is
        // not "resdump" when the tool runs inside another process (tests, scripts).
        var root = new Command("resdump", "resdump: inspect resource registry snapshots (ownership forest, blockers, leaks).")
        {
            new HelpOption(),
            new VersionOption(),
            logFile,
            logLevel,
            output,
            TreeCommand.Create(env),
            StatsCommand.Create(env),
            BlockedCommand.Create(env),
            DiffCommand.Create(env),
            DotCommand.Create(env),
            JsonCommand.Create(env),
            ValidateCommand.Create(env),
            LeaksCommand.Create(env),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            env.Stderr.WriteLine($"resdump: {ParseError(root, parse)} (see '{HelpFor(parse)}')");
            return ExitCodes.BadInput;
        }

        using Logger logger = LoggingSetup.Create(env, parse.GetValue(logLevel) ?? "warning", parse.GetValue(logFile));
        env.Logger = logger;
        logger.Debug("resdump {Command} started with {Arguments}", parse.CommandResult.Command.Name, args);
        try
        {
            return parse.GetValue(output) is { } outputPath
                ? InvokeIntoFile(parse, env, outputPath)
                : parse.Invoke(new InvocationConfiguration { Output = env.Stdout, Error = env.Stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            logger.ForContext(LoggingSetup.AlreadyReported, true).Error(ex, "resdump {Command} failed: {Message}", parse.CommandResult.Command.Name, message);
            env.Stderr.WriteLine(ex is UsageException ? $"resdump: {message} (see '{HelpFor(parse)}')" : $"resdump: {message}");
            return ExitCodes.BadInput;
        }
    }

    /// <summary>
    /// Runs the command with its standard output in a temporary file next to <paramref name="path"/>, moved into place
    /// only when the command ran (exit 0 or 1): a failure never leaves a truncated file or overwrites a good one.
    /// </summary>
    private static int InvokeIntoFile(ParseResult parse, DumpEnvironment env, string path)
    {
        string temporary = path + ".tmp";
        int code;
        TextWriter original = env.Stdout;
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
            {
                env.RedirectStdout(writer);
                code = parse.Invoke(new InvocationConfiguration { Output = writer, Error = env.Stderr, EnableDefaultExceptionHandler = false });
            }

            if (code is ExitCodes.Success or ExitCodes.CheckFailed)
            {
                File.Move(temporary, path, overwrite: true);
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return code;
    }

    /// <summary>The help to point to: the subcommand's when one was named.</summary>
    private static string HelpFor(ParseResult parse) =>
        parse.CommandResult.Command.Name == "resdump" ? "resdump --help" : $"resdump {parse.CommandResult.Command.Name} --help";

    /// <summary>The parser's first error, in the tool's words where the parser's are unclear.</summary>
    private static string ParseError(Command root, ParseResult parse)
    {
        if (parse.CommandResult.Command == root && parse.UnmatchedTokens.Count > 0)
        {
            string commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
            return $"unknown command '{ResourceLabels.Text(parse.UnmatchedTokens[0])}' (commands: {commands})";
        }

        string message = OneLine(parse.Errors[0].Message);
        var number = System.Text.RegularExpressions.Regex.Match(message, "^Cannot parse argument '(.*)' for option '(.*)' as expected type 'System.Int(32|64)'\\.$");
        return number.Success
            ? $"{number.Groups[2].Value} expects a whole number, got '{ResourceLabels.Text(number.Groups[1].Value)}'"
            : ResourceLabels.Text(message);
    }

    /// <summary>Some parser messages list choices on separate lines; the error must stay one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>The one-line message for a failure; null for none (never happens: all map to exit 2).</summary>
    private static string? Describe(Exception ex) => ex switch
    {
        SnapshotFormatException format => OneLine(format.Message),
        UsageException usage => OneLine(usage.Message),
        FileNotFoundException notFound => notFound.Message,
        DirectoryNotFoundException directory => directory.Message,
        IOException io => io.Message,
        UnauthorizedAccessException denied => denied.Message,
        AggregateException { InnerException: { } inner } => Describe(inner),
        _ => $"internal error ({ex.GetType().Name}): {ex.Message.ReplaceLineEndings(" ")}",
    };
}
