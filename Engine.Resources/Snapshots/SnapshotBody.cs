namespace Engine.Resources.Snapshots;

/// <summary>
/// The records part of a file; a type of its own so MessagePack can compress it as one value. Its source is
/// either captured records or a live registry, written straight from the registry so a capture-and-write
/// never materializes a million records.
/// </summary>
internal sealed class SnapshotBody
{
    public SnapshotBody(SnapshotRecord[] records, SnapshotDependency[]? dependencies = null)
        : this(records, records.Length, dependencies)
    {
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="records"/> (a buffer reused between captures).</summary>
    public SnapshotBody(SnapshotRecord[] records, int count, SnapshotDependency[]? dependencies)
    {
        Records = records;
        Count = count;
        Dependencies = dependencies ?? [];
    }

    public SnapshotBody(ResourceRegistry live)
    {
        Records = [];
        Live = live;
        Count = live.Count;
        Dependencies = SnapshotCapture.DependenciesOf(live);
    }

    /// <summary>The records, of which the first <see cref="Count"/> are the body's.</summary>
    public SnapshotRecord[] Records { get; }

    /// <summary>Dependency edges (format 2, the body's fourth part).</summary>
    public SnapshotDependency[] Dependencies { get; }

    public ResourceRegistry? Live { get; }

    public int Count { get; }
}
