using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace Engine.Resources.Snapshots;

/// <summary>
/// Writes and reads the body (string tables + records) with MessagePackWriter/Reader directly: a million
/// records must not become a million attribute-serialized objects. Layout in FORMAT.md.
/// </summary>
internal sealed class SnapshotBodyFormatter : IMessagePackFormatter<SnapshotBody>
{
    private const int ProgressEvery = 1 << 16;

    private readonly string _source;
    private readonly int _expectedCount;
    private readonly string _where;
    private readonly long _offsetBase;
    private readonly IProgress<double>? _progress;

    public SnapshotBodyFormatter()
        : this("(writer)", 0, compressed: false, 0, null)
    {
    }

    public SnapshotBodyFormatter(string source, int expectedCount, bool compressed, long offsetBase, IProgress<double>? progress)
    {
        _source = source;
        _expectedCount = expectedCount;
        _where = compressed ? " in the decompressed body" : string.Empty;
        _offsetBase = compressed ? 0 : offsetBase;
        _progress = progress;
    }

    public void Serialize(ref MessagePackWriter writer, SnapshotBody value, MessagePackSerializerOptions options)
    {
        if (value.Live is { } registry)
        {
            SerializeLive(ref writer, registry, value.Count);
            return;
        }

        ReadOnlySpan<SnapshotRecord> records = value.Records;
        int count = records.Length;
        var kinds = new SnapshotStringTable();
        var payloadTypes = new SnapshotStringTable();
        int[] indexes = ArrayPool<int>.Shared.Rent(Math.Max(1, count * 2));
        try
        {
            // Tables precede the records, so kinds and types are interned in a first pass. Names are not:
            // they are mostly distinct, hashing a million of them costs more than LZ4 saves on repeats.
            for (int i = 0; i < count; i++)
            {
                ref readonly SnapshotRecord r = ref records[i];
                indexes[i * 2] = kinds.Intern(r.Kind);
                indexes[i * 2 + 1] = payloadTypes.Intern(r.PayloadType);
            }

            WriteTables(ref writer, kinds, payloadTypes, count);
            int previousId = 0;
            for (int i = 0; i < count; i++)
            {
                WriteRecord(ref writer, records[i], indexes[i * 2], indexes[i * 2 + 1], ref previousId);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indexes);
        }
    }

    /// <summary>Same layout, straight from the registry: two passes over its live resources, no record array.</summary>
    private static void SerializeLive(ref MessagePackWriter writer, ResourceRegistry registry, int count)
    {
        var kinds = new SnapshotStringTable();
        var payloadTypes = new SnapshotStringTable();
        var names = new PayloadTypeNames();
        int[] indexes = ArrayPool<int>.Shared.Rent(Math.Max(1, count * 2));
        try
        {
            int n = 0;
            foreach (ResourceHandle handle in registry.Resources)
            {
                ResourceInfo info = registry.GetInfo(handle);
                indexes[n * 2] = kinds.Intern(info.Kind);
                indexes[n * 2 + 1] = payloadTypes.Intern(names.Of(info.PayloadType));
                n++;
            }

            WriteTables(ref writer, kinds, payloadTypes, n);
            int previousId = 0;
            int i = 0;
            foreach (ResourceHandle handle in registry.Resources)
            {
                SnapshotRecord record = SnapshotCapture.ToRecord(handle, registry.GetInfo(handle), string.Empty);
                WriteRecord(ref writer, record, indexes[i * 2], indexes[i * 2 + 1], ref previousId);
                i++;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indexes);
        }
    }

    private static void WriteTables(ref MessagePackWriter writer, SnapshotStringTable kinds, SnapshotStringTable payloadTypes, int count)
    {
        writer.WriteArrayHeader(SnapshotFormat.BodyFieldCount);
        WriteTable(ref writer, kinds.Strings);
        WriteTable(ref writer, payloadTypes.Strings);
        writer.WriteArrayHeader(count);
    }

    private static void WriteRecord(ref MessagePackWriter writer, in SnapshotRecord r, int kind, int payloadType, ref int previousId)
    {
        // Every field but the two strings takes at most 9 bytes; ask for the worst case once per record.
        int worst = SnapshotFormat.RecordFieldCount * 9 + 1
            + SpanPacker.MaxStringBytes(r.Name?.Length ?? 0) + SpanPacker.MaxStringBytes(r.FaultMessage?.Length ?? 0);
        var packer = new SpanPacker(writer.GetSpan(worst));
        packer.WriteArrayHeader(SnapshotFormat.RecordFieldCount);
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
        writer.Advance(packer.Written);
    }

    public SnapshotBody Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        long total = reader.Sequence.Length;
        int fields = ReadHeader(ref reader, total, 1, "body");
        if (fields < SnapshotFormat.BodyFieldCount)
        {
            throw Error($"body has {fields} parts, expected {SnapshotFormat.BodyFieldCount}", 0);
        }

        string[] kinds = ReadTable(ref reader, total, "kind table");
        string[] payloadTypes = ReadTable(ref reader, total, "payload type table");

        long recordsOffset = reader.Consumed;
        int count = ReadHeader(ref reader, total, SnapshotFormat.MinRecordBytes, "record list");
        if (count != _expectedCount)
        {
            throw Error($"header announces {_expectedCount} resources but the body holds {count}", recordsOffset);
        }

        var records = new SnapshotRecord[count];
        int previousId = 0;
        for (int i = 0; i < count; i++)
        {
            long at = reader.Consumed;
            try
            {
                records[i] = ReadRecord(ref reader, kinds, payloadTypes, ref previousId, i, at);
            }
            catch (Exception ex) when (SnapshotFormat.IsDecodeFailure(ex))
            {
                throw Error($"record {i} is corrupt: {ex.Message}", at, ex);
            }

            if (_progress is not null && (i + 1) % ProgressEvery == 0)
            {
                _progress.Report((double)(i + 1) / count);
            }
        }

        // Parts added by newer minor revisions are skipped, not rejected.
        for (int i = SnapshotFormat.BodyFieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        _progress?.Report(1.0);
        return new SnapshotBody(records);
    }

    private SnapshotRecord ReadRecord(ref MessagePackReader reader, string[] kinds, string[] payloadTypes,
        ref int previousId, int index, long at)
    {
        int fields = reader.ReadArrayHeader();
        if (fields < SnapshotFormat.RecordFieldCount)
        {
            throw Error($"record {index} has {fields} fields, expected {SnapshotFormat.RecordFieldCount}", at);
        }

        int id = ToId(previousId + reader.ReadInt64(), index, "id", at);
        previousId = id;
        int version = reader.ReadInt32();
        string kind = Lookup(kinds, reader.ReadInt32(), index, "kind", at);
        string payloadType = Lookup(payloadTypes, reader.ReadInt32(), index, "payload type", at);
        string? name = reader.ReadString();

        SnapshotHandle? parent = null;
        if (reader.TryReadNil())
        {
            if (!reader.TryReadNil())
            {
                throw Error($"record {index} has a parent version but no parent id", at);
            }
        }
        else
        {
            int parentId = ToId(id - reader.ReadInt64(), index, "parent id", at);
            parent = new SnapshotHandle(parentId, reader.ReadInt32());
        }

        byte state = reader.ReadByte();
        if (!SnapshotFormat.IsValidState(state))
        {
            throw Error($"record {index} has unknown state {state}", at);
        }

        byte flags = reader.ReadByte();
        if (!SnapshotFormat.IsValidFlags(flags))
        {
            throw Error($"record {index} has unknown flags 0x{flags:x2}", at);
        }

        long creationFrame = reader.ReadInt64();
        ulong lastGpuUse = reader.ReadUInt64();
        long? size = reader.TryReadNil() ? null : reader.ReadInt64();
        string? fault = reader.ReadString();
        for (int i = SnapshotFormat.RecordFieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        return new SnapshotRecord(new SnapshotHandle(id, version), kind, payloadType, name, parent,
            (SnapshotState)state, (SnapshotFlags)flags, creationFrame, lastGpuUse, size, fault);
    }

    private int ToId(long value, int index, string what, long at)
    {
        if (value is < 0 or > int.MaxValue)
        {
            throw Error($"record {index} has {what} {value} out of range", at);
        }

        return (int)value;
    }

    private string Lookup(string[] table, int value, int index, string what, long at)
    {
        if ((uint)value >= (uint)table.Length)
        {
            throw Error($"record {index} refers to {what} #{value} but the table has {table.Length} entries", at);
        }

        return table[value];
    }

    private string[] ReadTable(ref MessagePackReader reader, long total, string what)
    {
        long at = reader.Consumed;
        int count = ReadHeader(ref reader, total, 1, what);
        var table = new string[count];
        try
        {
            for (int i = 0; i < count; i++)
            {
                table[i] = reader.ReadString() ?? throw Error($"{what} entry {i} is nil", reader.Consumed);
            }
        }
        catch (Exception ex) when (SnapshotFormat.IsDecodeFailure(ex))
        {
            throw Error($"{what} is corrupt: {ex.Message}", at, ex);
        }

        return table;
    }

    /// <summary>Reads an array header and refuses counts the remaining input cannot possibly hold.</summary>
    private int ReadHeader(ref MessagePackReader reader, long total, int minElementBytes, string what)
    {
        long at = reader.Consumed;
        int count;
        try
        {
            count = reader.ReadArrayHeader();
        }
        catch (Exception ex) when (SnapshotFormat.IsDecodeFailure(ex))
        {
            throw Error($"{what} is not a valid array: {ex.Message}", at, ex);
        }

        long remaining = total - reader.Consumed;
        if (count < 0 || count > remaining / minElementBytes)
        {
            throw Error($"{what} claims {count} entries but only {remaining} bytes remain", at);
        }

        return count;
    }

    private static void WriteTable(ref MessagePackWriter writer, IReadOnlyList<string> strings)
    {
        writer.WriteArrayHeader(strings.Count);
        for (int i = 0; i < strings.Count; i++)
        {
            writer.Write(strings[i]);
        }
    }

    private SnapshotFormatException Error(string problem, long offset, Exception? inner = null) =>
        new(_source, problem + _where, _offsetBase + offset, inner);
}
