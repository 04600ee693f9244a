using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Engine.Tests.Render;

/// <summary>Keeps every Serilog event so a test can look at what was logged.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}
