namespace Engine.Resources.Snapshots;

/// <summary>The ownership forest at one instant: a header and one record per live resource.</summary>
public sealed class ResourceSnapshot
{
    private readonly SnapshotRecord[] _records;

    /// <summary>A snapshot built in memory (tests, tools): a current-format header without compression or checksum.
    /// <paramref name="records"/> is kept, not copied.</summary>
    /// <param name="frame">The registry's frame index at capture.</param>
    /// <param name="capturedAtUtc">Wall-clock time of the capture; marked UTC as is, not converted.</param>
    /// <param name="records">One record per live resource.</param>
    /// <param name="registryId">The captured registry's <see cref="ResourceRegistry.InstanceId"/>, or null.</param>
    /// <param name="dependencies">Dependency edges beyond the tree; null for none.</param>
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

    /// <summary>What the file says about itself: format and writer versions, frame, time, record count, compression
    /// and body checksum (the last two as read; none and 0 for a snapshot built in memory).</summary>
    public SnapshotHeader Header { get; }

    /// <summary>The registry's frame index (<see cref="ResourceRegistry.Frame"/>) at capture.</summary>
    public long Frame => Header.Frame;

    /// <summary>Wall-clock time of the capture, in UTC.</summary>
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
