namespace Engine.Resources.Snapshots;

/// <summary>The ownership forest at one instant: a header and one record per live resource.</summary>
public sealed class ResourceSnapshot
{
    public ResourceSnapshot(long frame, DateTime capturedAtUtc, SnapshotRecord[] records)
        : this(new SnapshotHeader(SnapshotFormat.CurrentVersion, SnapshotFormat.WriterVersion, frame,
            DateTime.SpecifyKind(capturedAtUtc, DateTimeKind.Utc), records.Length, SnapshotCompression.None, 0), records)
    {
    }

    internal ResourceSnapshot(SnapshotHeader header, SnapshotRecord[] records)
    {
        Header = header;
        Records = records;
    }

    public SnapshotHeader Header { get; }

    public long Frame => Header.Frame;

    public DateTime CapturedAtUtc => Header.CapturedAtUtc;

    /// <summary>In capture order; no ordering is promised.</summary>
    public IReadOnlyList<SnapshotRecord> Records { get; }

    /// <summary>Same frame, time and records in the same order; compression and writer do not count.</summary>
    public bool ContentEquals(ResourceSnapshot other) =>
        Frame == other.Frame && CapturedAtUtc == other.CapturedAtUtc && Records.SequenceEqual(other.Records);
}
