using Serilog;
using Serilog.Events;
using Serilog.Parsing;

namespace Engine.Resources.Logging;

/// <summary>
/// The registry's structured log events. Each checks its level first, so a disabled level formats and allocates
/// nothing (the per-frame path stays allocation-free with the default silent logger).
/// <para>
/// The rendered message names a resource by its label (<see cref="ResourceLabels"/>: escaped, one line), so a name
/// full of control characters cannot reach a console raw; the raw values stay available to structured sinks as the
/// properties Kind, Name, Handle (+ Frame, ChildCount, CreationFrame, Path, State where relevant), which are not
/// rendered in the message text.
/// </para>
/// </summary>
internal sealed class RegistryLog
{
    private static readonly MessageTemplateParser Parser = new();
    private static readonly MessageTemplate DestroyedTemplate = Parser.Parse("Destroyed {Resource:l} at frame {Frame}");
    private static readonly MessageTemplate BlockedTemplate = Parser.Parse("Blocked {Resource:l} at frame {Frame}: {ChildCount} live children");
    private static readonly MessageTemplate FaultedTemplate = Parser.Parse(
        "Destroy callback of {Resource:l} threw at frame {Frame}; the resource is faulted and its ancestors stay blocked");
    private static readonly MessageTemplate AbandonedTemplate = Parser.Parse("Abandoned faulted {Resource:l} at frame {Frame}: its native object may be leaked");
    private static readonly MessageTemplate LeakedTemplate = Parser.Parse(
        "Leak: {Resource:l} created at frame {CreationFrame} was never released; destroyed at shutdown (frame {Frame}), path {Path:l}");
    private static readonly MessageTemplate NotDestroyedTemplate = Parser.Parse("Shutdown could not destroy {Resource:l} ({State}) at frame {Frame}");

    private readonly ILogger _log;

    public RegistryLog(ILogger? logger) => _log = (logger ?? Serilog.Core.Logger.None).ForContext<ResourceRegistry>();

    /// <summary>Whether destroyed events are written; the destruction pass asks once per pass, not per resource.</summary>
    public bool DestroyedEnabled => _log.IsEnabled(LogEventLevel.Verbose);

    public void UnfinishedCreations(int count, TimeSpan waited, long frame) =>
        _log.Error("{Count} creations begun on other threads did not complete or cancel within {Waited} of the shutdown at frame {Frame}; the registry never took their objects",
            count, waited, frame);

    public void Destroyed(string kind, string? name, ResourceHandle handle, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Verbose))
        {
            Write(LogEventLevel.Verbose, null, DestroyedTemplate, kind, name, handle, Property("Frame", frame));
        }
    }

    public void Blocked(string kind, string? name, ResourceHandle handle, int childCount, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Debug))
        {
            Write(LogEventLevel.Debug, null, BlockedTemplate, kind, name, handle, Property("Frame", frame), Property("ChildCount", childCount));
        }
    }

    public void Faulted(string kind, string? name, ResourceHandle handle, long frame, Exception error)
    {
        if (_log.IsEnabled(LogEventLevel.Error))
        {
            Write(LogEventLevel.Error, error, FaultedTemplate, kind, name, handle, Property("Frame", frame));
        }
    }

    public void Abandoned(string kind, string? name, ResourceHandle handle, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Warning))
        {
            Write(LogEventLevel.Warning, null, AbandonedTemplate, kind, name, handle, Property("Frame", frame));
        }
    }

    public void Leaked(in LeakedResource leak, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Warning))
        {
            Write(LogEventLevel.Warning, null, LeakedTemplate, leak.Kind, leak.Name, leak.Handle,
                Property("CreationFrame", leak.CreationFrame), Property("Frame", frame),
                Property("Path", leak.Path.ToString(LeakedResource.ShownPathLabels)));
        }
    }

    public void NotDestroyed(in ResourceInfo info, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Error))
        {
            Write(LogEventLevel.Error, null, NotDestroyedTemplate, info.Kind, info.Name, info.Handle,
                Property("State", info.State.ToString()), Property("Frame", frame));
        }
    }

    private static LogEventProperty Property(string name, object? value) => new(name, new ScalarValue(value));

    private void Write(LogEventLevel level, Exception? error, MessageTemplate template, string kind, string? name, ResourceHandle handle, params LogEventProperty[] rest)
    {
        var properties = new List<LogEventProperty>(4 + rest.Length)
        {
            Property("Resource", ResourceLabels.Format(kind, name, handle)),
            Property("Kind", kind),
            Property("Name", name),
            Property("Handle", handle.ToString()),
        };
        properties.AddRange(rest);
        _log.Write(new LogEvent(DateTimeOffset.Now, level, error, template, properties));
    }
}
