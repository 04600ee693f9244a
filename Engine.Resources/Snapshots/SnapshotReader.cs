using MessagePack;

namespace Engine.Resources.Snapshots;

/// <summary>
/// Reads snapshots and validates as it reads: any input it cannot accept raises
/// <see cref="SnapshotFormatException"/> naming the source and the problem, never another exception.
/// </summary>
public static class SnapshotReader
{
    /// <summary>Reads a whole file. I/O failures (missing file, permissions) surface as IOException.</summary>
    public static ResourceSnapshot ReadFile(string path, IProgress<double>? progress = null)
    {
        byte[] data = File.ReadAllBytes(path);
        return Read(data, path, progress);
    }

    /// <summary>Reads a snapshot from the rest of <paramref name="stream"/>, copied into memory first; the stream is
    /// left open. I/O failures of the stream surface as they are.</summary>
    /// <param name="stream">The input, read from its current position to its end.</param>
    /// <param name="sourceName">How errors name the input (a file name or a description).</param>
    /// <param name="progress">Receives the fraction of records read, from 0 to 1.</param>
    public static ResourceSnapshot Read(Stream stream, string sourceName, IProgress<double>? progress = null)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.GetBuffer().AsMemory(0, (int)copy.Length), sourceName, progress);
    }

    /// <summary>Reads a snapshot held in memory, checking the header, the body checksum and every record.</summary>
    /// <param name="data">The whole file image.</param>
    /// <param name="sourceName">How errors name the input (a file name or a description).</param>
    /// <param name="progress">Receives the fraction of records read, from 0 to 1.</param>
    public static ResourceSnapshot Read(ReadOnlyMemory<byte> data, string sourceName, IProgress<double>? progress = null)
    {
        SnapshotHeader header = ReadHeader(data, sourceName, out int bodyStart);
        ReadOnlyMemory<byte> body = data[bodyStart..];
        ulong checksum = SnapshotFormat.Checksum(body.Span);
        if (checksum != header.BodyChecksum)
        {
            throw new SnapshotFormatException(sourceName,
                $"body checksum mismatch (header says {header.BodyChecksum:x16}, the {body.Length} body bytes hash to {checksum:x16}): the file is corrupt or truncated", bodyStart);
        }

        bool compressed = header.Compression == SnapshotCompression.Lz4 && Lz4BodyCheck.LooksCompressed(body);
        long bodyLength = compressed ? Lz4BodyCheck.Check(body, sourceName, bodyStart) : -1;

        var formatter = new SnapshotBodyFormatter(new SnapshotBodyReader(sourceName, header.ResourceCount, compressed, bodyStart, progress));
        var reader = new MessagePackReader(body);
        SnapshotBody parsed;
        try
        {
            parsed = MessagePackSerializer.Deserialize<SnapshotBody>(ref reader, SnapshotSerializerOptions.Create(formatter, compressed ? SnapshotCompression.Lz4 : SnapshotCompression.None));
        }
        catch (MessagePackSerializationException ex)
        {
            throw Unwrap(ex, sourceName, compressed ? null : bodyStart + reader.Consumed);
        }

        if (!compressed)
        {
            bodyLength = reader.Consumed;
        }

        if (bodyLength != body.Length)
        {
            throw new SnapshotFormatException(sourceName, $"{body.Length - bodyLength} unexpected bytes after the body", bodyStart + bodyLength);
        }

        return new ResourceSnapshot(header, parsed.Records, parsed.Dependencies);
    }

    /// <summary>Reads only the header; cheap even for huge files.</summary>
    public static SnapshotHeader ReadHeader(ReadOnlyMemory<byte> data, string sourceName, out int bodyStart)
    {
        var reader = new MessagePackReader(data);
        try
        {
            if (reader.End || reader.NextMessagePackType != MessagePackType.Array)
            {
                throw new SnapshotFormatException(sourceName, "not a resource snapshot (bad magic)", 0);
            }

            int fields = reader.ReadArrayHeader();
            if (fields < 1 || reader.NextMessagePackType != MessagePackType.String || reader.ReadString() != SnapshotFormat.Magic)
            {
                throw new SnapshotFormatException(sourceName, "not a resource snapshot (bad magic)", 0);
            }

            long versionAt = reader.Consumed;
            int version = reader.ReadInt32();
            if (version > SnapshotFormat.CurrentVersion)
            {
                throw new SnapshotFormatException(sourceName,
                    $"format version {version} is newer than this reader supports ({SnapshotFormat.CurrentVersion})", versionAt);
            }

            if (version < 1 || fields < SnapshotFormat.HeaderFieldCount)
            {
                throw new SnapshotFormatException(sourceName, $"invalid header (format version {version}, {fields} fields)", versionAt);
            }

            string writerVersion = reader.ReadString() ?? string.Empty;
            long frame = reader.ReadInt64();
            DateTime capturedAt = reader.ReadDateTime();
            long countAt = reader.Consumed;
            int count = reader.ReadInt32();
            if (count < 0 || count > (data.Length - reader.Consumed) / SnapshotFormat.MinRecordBytes * SnapshotFormat.MaxLz4Ratio)
            {
                throw new SnapshotFormatException(sourceName, $"header announces {count} resources, impossible for a file of {data.Length} bytes", countAt);
            }

            long compressionAt = reader.Consumed;
            byte compression = reader.ReadByte();
            if (compression > (byte)SnapshotCompression.Lz4)
            {
                throw new SnapshotFormatException(sourceName, $"unknown compression {compression}", compressionAt);
            }

            ulong checksum = reader.ReadUInt64();
            string? registryId = null;
            int read = SnapshotFormat.HeaderFieldCount;
            if (version >= 2)
            {
                if (fields < SnapshotFormat.HeaderFieldCountV2)
                {
                    throw new SnapshotFormatException(sourceName, $"invalid header (format version {version}, {fields} fields)", versionAt);
                }

                registryId = reader.ReadString();
                read = SnapshotFormat.HeaderFieldCountV2;
            }

            for (int i = read; i < fields; i++)
            {
                reader.Skip();
            }

            bodyStart = checked((int)reader.Consumed);
            return new SnapshotHeader(version, writerVersion, frame, capturedAt, count, (SnapshotCompression)compression, checksum, registryId);
        }
        catch (Exception ex) when (SnapshotFormat.IsDecodeFailure(ex))
        {
            throw new SnapshotFormatException(sourceName, $"corrupt header: {ex.Message}", reader.Consumed, ex);
        }
    }

    private static SnapshotFormatException Unwrap(MessagePackSerializationException ex, string sourceName, long? offset)
    {
        Exception? cause = ex;
        while (cause is not null)
        {
            if (cause is SnapshotFormatException format)
            {
                return format;
            }

            if (cause.InnerException is null)
            {
                break;
            }

            cause = cause.InnerException;
        }

        return new SnapshotFormatException(sourceName, $"corrupt body: {cause?.Message ?? ex.Message}", offset, ex);
    }
}
