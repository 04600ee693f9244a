namespace Engine.Resources.Snapshots;

/// <summary>The ownership forest at one instant: a header and one record per live resource.</summary>
public sealed class ResourceSnapshot
{
    private readonly SnapshotRecord[] _records;

    public ResourceSnapshot(long frame, DateTime capturedAtUtc, SnapshotRecord[] records, string? registryId = null, SnapshotDependency[]? dependencies = null)
        : this(new SnapshotHeader(SnapshotFormat.CurrentVersion, SnapshotFormat.WriterVersion, frame,
            DateTime.SpecifyKind(capturedAtUtc, DateTimeKind.Utc), records.Length, SnapshotCompression.None, 0, registryId), records, dependencies)
    {
    }

    internal ResourceSnapshot(SnapshotHeader header, SnapshotRecord[] records, SnapshotDependency[]? dependencies = null)
    {
        Header = header;
        _records = records;
        DependencyArray = dependencies ?? [];
    }

    /// <summary>Dependency edges beyond the tree (format 2; empty in format 1 files).</summary>
    public IReadOnlyList<SnapshotDependency> Dependencies => DependencyArray;

    internal SnapshotDependency[] DependencyArray { get; }

    public SnapshotHeader Header { get; }

    public long Frame => Header.Frame;

    public DateTime CapturedAtUtc => Header.CapturedAtUtc;

    /// <summary>The captured registry's <see cref="ResourceRegistry.InstanceId"/> (format 2), or null.</summary>
    public string? RegistryId => Header.RegistryId;

    /// <summary>In capture order; no ordering is promised.</summary>
    public IReadOnlyList<SnapshotRecord> Records => _records;

    internal SnapshotRecord[] RecordArray => _records;

    /// <summary>The records without copying, for code that walks a million of them.</summary>
    public ReadOnlySpan<SnapshotRecord> RecordSpan => _records;

    /// <summary>Same frame, time and records in the same order; compression and writer do not count.</summary>
    public bool ContentEquals(ResourceSnapshot other) =>
        Frame == other.Frame && CapturedAtUtc == other.CapturedAtUtc && RecordSpan.SequenceEqual(other.RecordSpan)
        && DependencyArray.AsSpan().SequenceEqual(other.DependencyArray);
}
