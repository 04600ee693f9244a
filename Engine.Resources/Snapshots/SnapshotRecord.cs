namespace Engine.Resources.Snapshots;

/// <summary>One resource as it was at capture time.</summary>
/// <param name="Handle">The resource's handle in the captured registry (slot id and version).</param>
/// <param name="Kind">The kind name it was registered under (e.g. "VkBuffer").</param>
/// <param name="PayloadType">The .NET type name of its payload.</param>
/// <param name="Name">Its debug name, when it has one.</param>
/// <param name="Parent">Null for a root of the forest.</param>
/// <param name="State">Its lifecycle state at capture.</param>
/// <param name="Flags">Its creation flags (explicit release).</param>
/// <param name="CreationFrame">The registry frame it was created in.</param>
/// <param name="LastGpuUse">The highest GPU timeline value it was marked in use with (0: never).</param>
/// <param name="SizeBytes">Null when the owner never declared a size.</param>
/// <param name="FaultMessage">The destroy callback's error, for faulted resources.</param>
public readonly record struct SnapshotRecord(
    SnapshotHandle Handle,
    string Kind,
    string PayloadType,
    string? Name,
    SnapshotHandle? Parent,
    ResourceState State,
    SnapshotFlags Flags,
    long CreationFrame,
    ulong LastGpuUse,
    long? SizeBytes,
    string? FaultMessage)
{
    /// <summary>Whether <see cref="Flags"/> has <see cref="SnapshotFlags.ExplicitRelease"/>: only its owner could
    /// release the resource; no cascade would take it.</summary>
    public bool IsExplicitRelease => (Flags & SnapshotFlags.ExplicitRelease) != 0;

    /// <summary>The destruction mode requested for a pending resource (format 2; null
    /// for an alive one and in format 1 files). Written as its byte value, 0 for none.</summary>
    public DestroyMode? Requested { get; init; }

    /// <summary>Where the resource sat in a container (format 3; null when it was not placed, and in older
    /// files).</summary>
    public SnapshotPlacement? Placement { get; init; }
}
