namespace Engine.Resources.Snapshots;

/// <summary>The records part of a file; a type of its own so MessagePack can compress it as one value.</summary>
internal sealed class SnapshotBody(IReadOnlyList<SnapshotRecord> records)
{
    public IReadOnlyList<SnapshotRecord> Records { get; } = records;
}
