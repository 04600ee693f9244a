using System.Buffers;
using MessagePack;

namespace Engine.Resources.Snapshots;

/// <summary>
/// Writes the body (string tables + records, layout in FORMAT.md) with MessagePack primitives directly:
/// a million records must not become a million attribute-serialized objects.
/// </summary>
internal static class SnapshotBodyWriter
{
    public static void Write(ref MessagePackWriter writer, SnapshotBody value)
    {
        if (value.Live is { } registry)
        {
            SerializeLive(ref writer, registry, value.Count, value);
            return;
        }

        ReadOnlySpan<SnapshotRecord> records = value.Records.AsSpan(0, value.Count);
        int count = records.Length;
        var kinds = new SnapshotStringTable();
        var payloadTypes = new SnapshotStringTable();
        int[] indexes = ArrayPool<int>.Shared.Rent(Math.Max(1, count * 2));
        try
        {
            // Tables precede the records, so kinds and types are interned in a first pass. Names are not:
            // they are mostly distinct, hashing a million of them costs more than LZ4 saves on repeats.
            var size = new BodySize(count);
            for (int i = 0; i < count; i++)
            {
                ref readonly SnapshotRecord r = ref records[i];
                indexes[i * 2] = kinds.Intern(r.Kind);
                indexes[i * 2 + 1] = payloadTypes.Intern(r.PayloadType);
                size.AddAtLeast(r.Name, r.FaultMessage);
            }

            size.CheckLowerBound();
            WriteTables(ref writer, kinds, payloadTypes, count);
            int previousId = 0;
            for (int i = 0; i < count; i++)
            {
                WriteRecord(ref writer, records[i], indexes[i * 2], indexes[i * 2 + 1], ref previousId, ref size);
            }

            WriteDependencies(ref writer, value.Dependencies);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indexes);
        }
    }

    /// <summary>Same layout, straight from the registry: two passes over its live resources, no record array.</summary>
    private static void SerializeLive(ref MessagePackWriter writer, ResourceRegistry registry, int count, SnapshotBody body)
    {
        var kinds = new SnapshotStringTable();
        var payloadTypes = new SnapshotStringTable();
        var names = new PayloadTypeNames();
        int[] indexes = ArrayPool<int>.Shared.Rent(Math.Max(1, count * 2));
        try
        {
            int n = 0;
            var size = new BodySize(count);
            foreach (ResourceHandle handle in registry.Resources)
            {
                ResourceInfo info = registry.GetInfo(handle);
                indexes[n * 2] = kinds.Intern(info.Kind);
                indexes[n * 2 + 1] = payloadTypes.Intern(names.Of(info.PayloadType));
                size.AddAtLeast(info.Name, info.FaultMessage);
                n++;
            }

            size.CheckLowerBound();
            WriteTables(ref writer, kinds, payloadTypes, n);
            int previousId = 0;
            int i = 0;
            foreach (ResourceHandle handle in registry.Resources)
            {
                SnapshotRecord record = SnapshotCapture.ToRecord(handle, registry.GetInfo(handle), string.Empty);
                WriteRecord(ref writer, record, indexes[i * 2], indexes[i * 2 + 1], ref previousId, ref size);
                i++;
            }

            WriteDependencies(ref writer, body.Dependencies);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indexes);
        }
    }

    /// <summary>The fourth part: four ints per edge (dependent id, version, dependency id, version).</summary>
    private static void WriteDependencies(ref MessagePackWriter writer, SnapshotDependency[] edges)
    {
        writer.WriteArrayHeader(edges.Length * 4);
        foreach (SnapshotDependency edge in edges)
        {
            writer.Write(edge.Dependent.Id);
            writer.Write(edge.Dependent.Version);
            writer.Write(edge.Dependency.Id);
            writer.Write(edge.Dependency.Version);
        }
    }

    private static void WriteTables(ref MessagePackWriter writer, SnapshotStringTable kinds, SnapshotStringTable payloadTypes, int count)
    {
        writer.WriteArrayHeader(SnapshotFormat.BodyFieldCountV2);
        WriteTable(ref writer, kinds.Strings);
        WriteTable(ref writer, payloadTypes.Strings);
        writer.WriteArrayHeader(count);
    }

    private static void WriteRecord(ref MessagePackWriter writer, in SnapshotRecord r, int kind, int payloadType, ref int previousId, ref BodySize bodySize)
    {
        // Every field but the two strings takes at most 9 bytes; ask for the worst case once per record.
        int worst = (SnapshotFormat.RecordFieldCountV3 + SnapshotFormat.PlacementFieldCount) * 9 + 2
            + SpanPacker.MaxStringBytes(r.Name?.Length ?? 0) + SpanPacker.MaxStringBytes(r.FaultMessage?.Length ?? 0);
        var packer = new SpanPacker(writer.GetSpan(worst));
        packer.WriteArrayHeader(SnapshotFormat.RecordFieldCountV3);
        // Ids as deltas: enumeration order is mostly dense, so these are tiny and LZ4 folds them away.
        packer.Write((long)r.Handle.Id - previousId);
        previousId = r.Handle.Id;
        packer.Write(r.Handle.Version);
        packer.Write(kind);
        packer.Write(payloadType);
        packer.Write(r.Name);
        if (r.Parent is { } parent)
        {
            // Children are usually created soon after their parent: a small distance.
            packer.Write((long)r.Handle.Id - parent.Id);
            packer.Write(parent.Version);
        }
        else
        {
            packer.WriteNil();
            packer.WriteNil();
        }

        packer.Write((ulong)r.State);
        packer.Write((ulong)r.Flags);
        packer.Write(r.CreationFrame);
        packer.Write(r.LastGpuUse);
        if (r.SizeBytes is { } size)
        {
            packer.Write(size);
        }
        else
        {
            packer.WriteNil();
        }

        packer.Write(r.FaultMessage);
        packer.Write((ulong)(byte)(r.Requested ?? 0)); // 0: none requested
        if (r.Placement is { } placement)
        {
            // Sub-allocations are created soon after their block is, or reuse the slots of earlier ones: a small distance.
            packer.WriteArrayHeader(SnapshotFormat.PlacementFieldCount);
            packer.Write((long)r.Handle.Id - placement.Container.Id);
            packer.Write(placement.Container.Version);
            packer.Write(placement.Offset);
        }
        else
        {
            packer.WriteNil();
        }
        writer.Advance(packer.Written);
        bodySize.AddWritten(packer.Written);
    }

    /// <summary>
    /// Keeps the body within what the format (and so the reader) accepts, <see cref="SnapshotFormat.MaxBodyBytes"/>
    /// uncompressed: a lower bound from the first pass refuses a hopeless body before anything is encoded (a UTF-8
    /// string takes at least one byte per UTF-16 char), the bytes actually written refuse the rest as soon as they
    /// pass the limit.
    /// </summary>
    private struct BodySize(int count)
    {
        private long _atLeast = (long)count * SnapshotFormat.MinRecordBytes;
        private long _written;

        public void AddAtLeast(string? name, string? fault) => _atLeast += (name?.Length ?? 0) + (fault?.Length ?? 0);

        public readonly void CheckLowerBound()
        {
            if (_atLeast > SnapshotFormat.MaxBodyBytes)
            {
                throw TooLarge(_atLeast, count);
            }
        }

        public void AddWritten(int bytes)
        {
            _written += bytes;
            if (_written > SnapshotFormat.MaxBodyBytes)
            {
                throw TooLarge(_written, count);
            }
        }

        private static SnapshotTooLargeException TooLarge(long bytes, int count) => new(
            $"Cannot write the snapshot: its {count:N0} records take at least {bytes:N0} bytes uncompressed, more than the format's limit of {SnapshotFormat.MaxBodyBytes:N0} bytes (2 GiB); shorten names or fault messages, or capture a part of the forest.");
    }

    private static void WriteTable(ref MessagePackWriter writer, IReadOnlyList<string> strings)
    {
        writer.WriteArrayHeader(strings.Count);
        for (int i = 0; i < strings.Count; i++)
        {
            writer.Write(strings[i]);
        }
    }
}
