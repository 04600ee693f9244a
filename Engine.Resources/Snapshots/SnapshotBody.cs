namespace Engine.Resources.Snapshots;

/// <summary>
/// The records part of a file; a type of its own so MessagePack can compress it as one value. Its source is
/// either captured records or a live registry, written straight from the registry so a capture-and-write
/// never materializes a million records.
/// </summary>
internal sealed class SnapshotBody
{
    public SnapshotBody(SnapshotRecord[] records)
    {
        Records = records;
        Count = records.Length;
    }

    public SnapshotBody(ResourceRegistry live)
    {
        Records = [];
        Live = live;
        Count = live.Count;
    }

    public SnapshotRecord[] Records { get; }

    public ResourceRegistry? Live { get; }

    public int Count { get; }
}
