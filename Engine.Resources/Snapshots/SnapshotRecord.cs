namespace Engine.Resources.Snapshots;

/// <summary>One resource as it was at capture time.</summary>
/// <param name="Parent">Null for a root of the forest.</param>
/// <param name="SizeBytes">Null when the owner never declared a size.</param>
/// <param name="FaultMessage">The destroy callback's error, for faulted resources.</param>
public readonly record struct SnapshotRecord(
    SnapshotHandle Handle,
    string Kind,
    string PayloadType,
    string? Name,
    SnapshotHandle? Parent,
    SnapshotState State,
    SnapshotFlags Flags,
    long CreationFrame,
    ulong LastGpuUse,
    long? SizeBytes,
    string? FaultMessage)
{
    public bool IsExplicitRelease => (Flags & SnapshotFlags.ExplicitRelease) != 0;

    /// <summary>The destruction mode requested for a pending resource (format 2; <see cref="SnapshotRequest.None"/>
    /// for an alive one and in format 1 files).</summary>
    public SnapshotRequest Requested { get; init; }
}
