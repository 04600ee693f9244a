using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Filters;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace Engine.Dump;

/// <summary>Serilog for the tool: console (stderr, so stdout stays parseable) and an optional JSON-lines file.</summary>
public static class LoggingSetup
{
    /// <summary>Property marking events whose message was already written to stderr.</summary>
    public const string AlreadyReported = "AlreadyReported";

    public static readonly string[] Levels = ["verbose", "debug", "information", "warning", "error", "fatal"];

    // No {Exception} on the console: failures are reported as one line; stack traces go to the log file only.
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}";

    public static Logger Create(DumpEnvironment env, string level, string? logFile)
    {
        LogEventLevel minimum = Enum.Parse<LogEventLevel>(level, ignoreCase: true);
        LoggerConfiguration config = new LoggerConfiguration().MinimumLevel.Is(minimum).Enrich.WithProperty("Tool", "resdump");
        // Failures already printed as the one-line error are not repeated on the console (only in the file).
        config = config.WriteTo.Logger(console =>
        {
            console.Filter.ByExcluding(Matching.WithProperty(AlreadyReported));
            if (ReferenceEquals(env.Stderr, Console.Error))
            {
                console.WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                console.WriteTo.Sink(new TextWriterSink(env.Stderr, new MessageTemplateTextFormatter(ConsoleTemplate, System.Globalization.CultureInfo.InvariantCulture)));
            }
        });
        if (logFile is not null)
        {
            // One JSON object per event: every property (file, counts, frame, command) stays machine-readable.
            config = config.WriteTo.File(new JsonFormatter(renderMessage: true, formatProvider: System.Globalization.CultureInfo.InvariantCulture), logFile);
        }

        return config.CreateLogger();
    }
}
