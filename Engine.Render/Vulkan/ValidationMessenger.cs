using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Serilog;
using Silk.NET.Core;
using Serilog.Events;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>
/// Receives every debug-utils message of an instance (including those of vkCreateInstance and
/// vkDestroyInstance, through the instance create-info chain), counts them by severity, remembers the
/// message IDs (VUIDs) and forwards them to Serilog. This is the oracle the Vulkan tests listen to.
/// </summary>
public sealed unsafe class ValidationMessenger : IDisposable
{
    private const int KeptMessages = 64;

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ValidationMessage> _kept = new();
    private GCHandle _self;
    private int _errors;
    private int _warnings;
    private int _infos;

    /// <summary>
    /// Creates a messenger that logs to <paramref name="logger"/> (null: only counts) and holds a GC handle to itself,
    /// the native callback's user data, until <see cref="Dispose"/>.
    /// </summary>
    public ValidationMessenger(ILogger? logger = null)
    {
        _logger = (logger ?? Serilog.Core.Logger.None).ForContext<ValidationMessenger>();
        // The native side holds this pointer until Dispose; a normal handle keeps us reachable.
        _self = GCHandle.Alloc(this);
    }

    /// <summary>The messages received so far, by severity; safe to read while the driver is calling back.</summary>
    public ValidationCounts Counts => new(Volatile.Read(ref _errors), Volatile.Read(ref _warnings), Volatile.Read(ref _infos));

    /// <summary>Message IDs seen so far (VUIDs for validation errors), with how often each arrived.</summary>
    public IReadOnlyDictionary<string, int> MessageIds => _ids;

    /// <summary>The first errors and warnings, verbatim, for diagnostics.</summary>
    public IReadOnlyCollection<ValidationMessage> Messages => _kept;

    /// <summary>Whether a message with ID <paramref name="messageId"/> (e.g. a VUID) has arrived.</summary>
    public bool Saw(string messageId) => _ids.ContainsKey(messageId);

    /// <summary>Create-info pointing back at this object; usable for the messenger and in the instance's pNext chain.</summary>
    public DebugUtilsMessengerCreateInfoEXT CreateInfo()
    {
        if (!_self.IsAllocated)
        {
            throw new ObjectDisposedException(nameof(ValidationMessenger));
        }

        return new DebugUtilsMessengerCreateInfoEXT
        {
            SType = StructureType.DebugUtilsMessengerCreateInfoExt,
            MessageSeverity = DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt
                | DebugUtilsMessageSeverityFlagsEXT.WarningBitExt
                | DebugUtilsMessageSeverityFlagsEXT.InfoBitExt,
            MessageType = DebugUtilsMessageTypeFlagsEXT.GeneralBitExt
                | DebugUtilsMessageTypeFlagsEXT.ValidationBitExt
                | DebugUtilsMessageTypeFlagsEXT.PerformanceBitExt,
            PfnUserCallback = new PfnDebugUtilsMessengerCallbackEXT(&OnMessage),
            PUserData = (void*)GCHandle.ToIntPtr(_self),
        };
    }

    /// <summary>Releases the handle the native side points at; call only after the instance is gone.</summary>
    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static Bool32 OnMessage(
        DebugUtilsMessageSeverityFlagsEXT severity,
        DebugUtilsMessageTypeFlagsEXT types,
        DebugUtilsMessengerCallbackDataEXT* data,
        void* userData)
    {
        try
        {
            if (GCHandle.FromIntPtr((nint)userData).Target is ValidationMessenger messenger)
            {
                messenger.Record(severity, types, data);
            }
        }
        catch
        {
            // An exception must never unwind into the driver.
        }

        // Returning false tells the layer not to abort the call that triggered the message.
        return new Bool32(false);
    }

    private void Record(DebugUtilsMessageSeverityFlagsEXT severity, DebugUtilsMessageTypeFlagsEXT types, DebugUtilsMessengerCallbackDataEXT* data)
    {
        string? id = Utf8.Read(data->PMessageIdName);
        string? text = Utf8.Read(data->PMessage);
        if (id is not null)
        {
            _ids.AddOrUpdate(id, 1, static (_, n) => n + 1);
        }

        LogEventLevel level;
        string label;
        if ((severity & DebugUtilsMessageSeverityFlagsEXT.ErrorBitExt) != 0)
        {
            Interlocked.Increment(ref _errors);
            (level, label) = (LogEventLevel.Error, "error");
        }
        else if ((severity & DebugUtilsMessageSeverityFlagsEXT.WarningBitExt) != 0)
        {
            Interlocked.Increment(ref _warnings);
            (level, label) = (LogEventLevel.Warning, "warning");
        }
        else
        {
            Interlocked.Increment(ref _infos);
            (level, label) = (LogEventLevel.Debug, "info");
        }

        if (level >= LogEventLevel.Warning && _kept.Count < KeptMessages)
        {
            _kept.Enqueue(new ValidationMessage(label, id, text));
        }

        _logger.Write(level, "Vulkan {Severity} [{Types}] {MessageId}: {Message}", label, types, id, text);
    }
}
