using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Engine.Dump;

/// <summary>Serilog sink over any TextWriter: the log goes wherever the run's stderr goes (tests capture it).</summary>
public sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
