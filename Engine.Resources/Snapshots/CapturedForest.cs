namespace Engine.Resources.Snapshots;

/// <summary>
/// A live capture split in two: the owner thread copies the forest into records kept from one capture to the next
/// (<see cref="CopyFrom"/>: one read of each live resource, no encoding, no allocation once the array has grown to the
/// forest), and a worker encodes and compresses that copy (<see cref="Encode"/>) while frames go on. The copy is a
/// consistent forest of one moment, as the frame left it; nothing of the registry is read after it.
/// </summary>
internal sealed class CapturedForest
{
    private readonly PayloadTypeNames _typeNames = new();
    private readonly MemoryStream _encoded = new();
    private SnapshotRecord[] _records = [];
    private int _count;
    private long _frame;
    private DateTime _capturedAt;
    private string _registryId = string.Empty;
    private SnapshotDependency[] _dependencies = [];

    /// <summary>Owner thread: copies every live resource and dependency edge of <paramref name="registry"/>.</summary>
    public void CopyFrom(ResourceRegistry registry)
    {
        int live = registry.Count;
        if (_records.Length < live)
        {
            // Room for some growth, so a forest that grows a little does not reallocate at every capture.
            _records = new SnapshotRecord[live + (live / 8) + 64];
        }

        int count = 0;
        foreach (ResourceHandle handle in registry.Resources)
        {
            ResourceInfo info = registry.InfoOf(handle);
            _records[count++] = SnapshotCapture.ToRecord(handle, info, _typeNames.Of(info.PayloadType));
        }

        if (count < _count)
        {
            // Records of the last, larger capture would keep their names alive.
            Array.Clear(_records, count, _count - count);
        }

        _count = count;
        _frame = registry.Frame;
        _capturedAt = DateTime.UtcNow;
        _registryId = SnapshotCapture.RegistryIdOf(registry);
        _dependencies = registry.Dependencies.Any ? SnapshotCapture.DependenciesOf(registry) : [];
    }

    /// <summary>Any thread, one at a time, after <see cref="CopyFrom"/>: the <c>.ressnap</c> bytes of the copy (LZ4).</summary>
    public byte[] Encode()
    {
        _encoded.SetLength(0);
        SnapshotWriter.WriteCore(_frame, _capturedAt, _registryId, new SnapshotBody(_records, _count, _dependencies), _encoded, SnapshotCompression.Lz4);
        return _encoded.ToArray();
    }
}
