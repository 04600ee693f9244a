using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Engine.Tests.Core;

/// <summary>A Serilog sink that keeps every event, so tests can assert on levels and structured properties.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public static (ILogger Logger, CapturingSink Sink) Create(LogEventLevel minimum = LogEventLevel.Verbose)
    {
        var sink = new CapturingSink();
        var logger = new LoggerConfiguration().MinimumLevel.Is(minimum).WriteTo.Sink(sink).CreateLogger();
        return (logger, sink);
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }

    public static string? Scalar(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue { Value: var v } ? v?.ToString() : null;
}
