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

    /// <summary>Below this many live resources the copy runs on the owner thread alone (threads would cost more).</summary>
    public const int ParallelFrom = 65_536;

    /// <summary>
    /// Owner thread: copies every live resource and dependency edge of <paramref name="registry"/>. A large forest is
    /// copied by several threads at once, each its own range of slots, while the owner waits: nothing writes to the
    /// registry meanwhile (only the owner thread does), so they read it as the owner would.
    /// </summary>
    public void CopyFrom(ResourceRegistry registry)
    {
        _ = registry.Resources; // checks the thread and expands deferred cascades: every record reads as it is
        int live = registry.Count;
        if (_records.Length < live)
        {
            // Room for some growth, so a forest that grows a little does not reallocate at every capture.
            _records = new SnapshotRecord[live + (live / 8) + 64];
        }

        int slots = registry.World.Capacity;
        int parts = live < ParallelFrom ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 64);
        int count = parts == 1 ? CopySlots(registry, 0, slots, 0, _typeNames) : CopyInParts(registry, slots, parts);
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

    /// <summary>Slots cut in <paramref name="parts"/> ranges: each range's live resources counted, then copied to their
    /// place (the order a single pass gives, so the file is the same).</summary>
    private int CopyInParts(ResourceRegistry registry, int slots, int parts)
    {
        int span = (slots + parts - 1) / parts;
        int[] starts = new int[parts + 1];
        Parallel.For(0, parts, part =>
        {
            int alive = 0;
            for (int slot = part * span, end = Math.Min(slots, (part + 1) * span); slot < end; slot++)
            {
                alive += registry.World.IsSlotAlive(slot) ? 1 : 0;
            }

            starts[part + 1] = alive;
        });

        for (int part = 0; part < parts; part++)
        {
            starts[part + 1] += starts[part];
        }

        Parallel.For(0, parts, part =>
            CopySlots(registry, part * span, Math.Min(slots, (part + 1) * span), starts[part], new PayloadTypeNames()));
        return starts[parts];
    }

    /// <summary>The live resources of slots [<paramref name="from"/>, <paramref name="to"/>) into records from
    /// <paramref name="at"/> on; returns the index after the last one written.</summary>
    private int CopySlots(ResourceRegistry registry, int from, int to, int at, PayloadTypeNames typeNames)
    {
        Ecs.World world = registry.World;
        for (int slot = from; slot < to; slot++)
        {
            if (world.IsSlotAlive(slot))
            {
                ResourceHandle handle = registry.Handle(world.EntityAt(slot));
                ResourceInfo info = registry.InfoOf(handle);
                _records[at++] = SnapshotCapture.ToRecord(handle, info, typeNames.Of(info.PayloadType));
            }
        }

        return at;
    }

    /// <summary>Any thread, one at a time, after <see cref="CopyFrom"/>: the <c>.ressnap</c> bytes of the copy (LZ4).</summary>
    public byte[] Encode()
    {
        _encoded.SetLength(0);
        SnapshotWriter.WriteCore(_frame, _capturedAt, _registryId, new SnapshotBody(_records, _count, _dependencies), _encoded, SnapshotCompression.Lz4);
        return _encoded.ToArray();
    }
}
