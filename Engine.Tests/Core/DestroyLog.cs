using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>Registers recording destroy callbacks on a registry and keeps the order in which natives were destroyed.</summary>
public sealed class DestroyLog
{
    public List<string> Events { get; } = new();

    public HashSet<int> FailBuffers { get; } = new();

    public static (ResourceRegistry Registry, DestroyLog Log) Create(Serilog.ILogger? logger = null, Action? waitForGpuIdle = null)
    {
        var registry = new ResourceRegistry(logger, waitForGpuIdle);
        var log = new DestroyLog();
        registry.RegisterKind<InstancePayload>("Instance", (ref InstancePayload p) => log.Events.Add($"instance {p.Native}"));
        registry.RegisterKind<DevicePayload, InstancePayload>("Device", (ref DevicePayload p, ref InstancePayload i) => log.Events.Add($"device {p.Native} with instance {i.Native}"));
        registry.RegisterKind<ScopePayload>("Scope");
        registry.RegisterKind<BufferPayload, DevicePayload>("Buffer", (ref BufferPayload p, ref DevicePayload d) =>
        {
            if (log.FailBuffers.Contains(p.Native))
            {
                throw new InvalidOperationException($"driver refused buffer {p.Native}");
            }

            log.Events.Add($"buffer {p.Native} with device {d.Native}");
        });
        registry.RegisterKind<ImagePayload, DevicePayload>("Image", (ref ImagePayload p, ref DevicePayload d) => log.Events.Add($"image {p.Native} with device {d.Native}"));
        return (registry, log);
    }
}
