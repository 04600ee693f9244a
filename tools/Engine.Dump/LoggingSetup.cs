using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Engine.Dump;

/// <summary>Serilog for the tool: console (stderr, so stdout stays parseable) and an optional file.</summary>
public static class LoggingSetup
{
    public static readonly string[] Levels = ["verbose", "debug", "information", "warning", "error", "fatal"];

    // No {Exception} on the console: failures are reported as one line; stack traces go to the log file only.
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static Logger Create(DumpEnvironment env, string level, string? logFile)
    {
        LogEventLevel minimum = Enum.Parse<LogEventLevel>(level, ignoreCase: true);
        LoggerConfiguration config = new LoggerConfiguration().MinimumLevel.Is(minimum).Enrich.WithProperty("Tool", "resdump");
        config = ReferenceEquals(env.Stderr, Console.Error)
            ? config.WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            : config.WriteTo.Sink(new TextWriterSink(env.Stderr, new MessageTemplateTextFormatter(ConsoleTemplate, System.Globalization.CultureInfo.InvariantCulture)));
        if (logFile is not null)
        {
            config = config.WriteTo.File(logFile, outputTemplate: FileTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return config.CreateLogger();
    }
}
