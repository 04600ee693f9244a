using Serilog;
using Serilog.Events;

namespace Engine.Resources.Logging;

/// <summary>
/// The registry's structured log events. Each checks its level first, so a disabled level formats and allocates
/// nothing (the per-frame path stays allocation-free with the default silent logger).
/// Properties: Kind, Name, Handle, Frame (+ ChildCount, Path, Error where relevant).
/// </summary>
internal sealed class RegistryLog
{
    private readonly ILogger _log;

    public RegistryLog(ILogger? logger) => _log = (logger ?? Serilog.Core.Logger.None).ForContext<ResourceRegistry>();

    /// <summary>Whether destroyed events are written; the destruction pass asks once per pass, not per resource.</summary>
    public bool DestroyedEnabled => _log.IsEnabled(LogEventLevel.Verbose);

    public void Destroyed(string kind, string? name, ResourceHandle handle, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Verbose))
        {
            _log.Verbose("Destroyed {Kind} {Name} {Handle} at frame {Frame}", kind, name, handle.ToString(), frame);
        }
    }

    public void Blocked(string kind, string? name, ResourceHandle handle, int childCount, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Debug))
        {
            _log.Debug(
                "Blocked {Kind} {Name} {Handle} at frame {Frame}: {ChildCount} live children",
                kind, name, handle.ToString(), frame, childCount);
        }
    }

    public void Faulted(string kind, string? name, ResourceHandle handle, long frame, Exception error)
    {
        if (_log.IsEnabled(LogEventLevel.Error))
        {
            _log.Error(
                error,
                "Destroy callback of {Kind} {Name} {Handle} threw at frame {Frame}; the resource is faulted and its ancestors stay blocked",
                kind, name, handle.ToString(), frame);
        }
    }

    public void Abandoned(string kind, string? name, ResourceHandle handle, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Warning))
        {
            _log.Warning(
                "Abandoned faulted {Kind} {Name} {Handle} at frame {Frame}: its native object may be leaked",
                kind, name, handle.ToString(), frame);
        }
    }

    public void Leaked(in LeakedResource leak, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Warning))
        {
            _log.Warning(
                "Leak: {Kind} {Name} {Handle} created at frame {CreationFrame} was never released; destroyed at shutdown (frame {Frame}), path {Path}",
                leak.Kind, leak.Name, leak.Handle.ToString(), leak.CreationFrame, frame, leak.Path.ToString(LeakedResource.ShownPathLabels));
        }
    }

    public void NotDestroyed(string description, ResourceState state, long frame)
    {
        if (_log.IsEnabled(LogEventLevel.Error))
        {
            _log.Error("Shutdown could not destroy {Resource} ({State}) at frame {Frame}", description, state, frame);
        }
    }
}
