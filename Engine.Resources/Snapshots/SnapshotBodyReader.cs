using Engine.Resources;
using MessagePack;

namespace Engine.Resources.Snapshots;

/// <summary>
/// Reads the body and validates as it reads: every count is checked against the bytes that remain before
/// anything is allocated for it, every index against its table, and every failure names the source,
/// the problem and the offset.
/// </summary>
internal sealed class SnapshotBodyReader
{
    private const int ProgressEvery = 1 << 16;

    private readonly string _source;
    private readonly int _expectedCount;
    private readonly string _where;
    private readonly long _offsetBase;
    private readonly IProgress<double>? _progress;

    /// <param name="source">The file name (or other source) named in error messages.</param>
    /// <param name="expectedCount">The record count the header announced.</param>
    /// <param name="compressed">Offsets then refer to the decompressed body, and messages say so.</param>
    /// <param name="offsetBase">File offset of the body, added to offsets in an uncompressed body.</param>
    /// <param name="progress">Receives the fraction of records read, every 65,536 records; may be null.</param>
    public SnapshotBodyReader(string source, int expectedCount, bool compressed, long offsetBase, IProgress<double>? progress)
    {
        _source = source;
        _expectedCount = expectedCount;
        _where = compressed ? " in the decompressed body" : string.Empty;
        _offsetBase = compressed ? 0 : offsetBase;
        _progress = progress;
    }

    public SnapshotBody Read(ref MessagePackReader reader)
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

        SnapshotDependency[] dependencies = [];
        if (fields >= SnapshotFormat.BodyFieldCountV2)
        {
            dependencies = ReadDependencies(ref reader, total);
        }

        // Parts added by newer minor revisions are skipped, not rejected.
        for (int i = Math.Max(SnapshotFormat.BodyFieldCount, Math.Min(fields, SnapshotFormat.BodyFieldCountV2)); i < fields; i++)
        {
            reader.Skip();
        }

        _progress?.Report(1.0);
        return new SnapshotBody(records, dependencies);
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
        byte requested = 0;
        if (fields >= SnapshotFormat.RecordFieldCountV2)
        {
            requested = reader.ReadByte();
            if (!SnapshotFormat.IsValidRequest(requested))
            {
                throw Error($"record {index} has unknown requested mode {requested}", at);
            }
        }

        SnapshotPlacement? placement = null;
        if (fields >= SnapshotFormat.RecordFieldCountV3 && !reader.TryReadNil())
        {
            placement = ReadPlacement(ref reader, id, index, at);
        }

        for (int i = Math.Max(SnapshotFormat.RecordFieldCount, Math.Min(fields, SnapshotFormat.RecordFieldCountV3)); i < fields; i++)
        {
            reader.Skip();
        }

        return new SnapshotRecord(new SnapshotHandle(id, version), kind, payloadType, name, parent,
            (ResourceState)state, (SnapshotFlags)flags, creationFrame, lastGpuUse, size, fault)
        {
            Requested = requested == 0 ? null : (DestroyMode)requested,
            Placement = placement,
        };
    }

    /// <summary>[container distance, container version, offset]; extra trailing elements are ignored.</summary>
    private SnapshotPlacement ReadPlacement(ref MessagePackReader reader, int id, int index, long at)
    {
        int fields = reader.ReadArrayHeader();
        if (fields < SnapshotFormat.PlacementFieldCount)
        {
            throw Error($"record {index} has a placement of {fields} fields, expected {SnapshotFormat.PlacementFieldCount}", at);
        }

        int container = ToId(id - reader.ReadInt64(), index, "container id", at);
        int version = reader.ReadInt32();
        long offset = reader.ReadInt64();
        if (offset < 0)
        {
            throw Error($"record {index} has placement offset {offset}, below 0", at);
        }

        for (int i = SnapshotFormat.PlacementFieldCount; i < fields; i++)
        {
            reader.Skip();
        }

        return new SnapshotPlacement(new SnapshotHandle(container, version), offset);
    }

    private SnapshotDependency[] ReadDependencies(ref MessagePackReader reader, long total)
    {
        long at = reader.Consumed;
        int ints = ReadHeader(ref reader, total, 1, "dependency list");
        if (ints % 4 != 0)
        {
            throw Error($"dependency list holds {ints} values, not a multiple of 4", at);
        }

        var edges = new SnapshotDependency[ints / 4];
        try
        {
            for (int i = 0; i < edges.Length; i++)
            {
                int dependent = ToId(reader.ReadInt64(), i, "dependent id", at);
                int dependentVersion = reader.ReadInt32();
                int dependency = ToId(reader.ReadInt64(), i, "dependency id", at);
                edges[i] = new SnapshotDependency(new SnapshotHandle(dependent, dependentVersion), new SnapshotHandle(dependency, reader.ReadInt32()));
            }
        }
        catch (Exception ex) when (SnapshotFormat.IsDecodeFailure(ex))
        {
            throw Error($"dependency list is corrupt: {ex.Message}", at, ex);
        }

        return edges;
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

    private SnapshotFormatException Error(string problem, long offset, Exception? inner = null) =>
        new(_source, problem + _where, _offsetBase + offset, inner);
}
