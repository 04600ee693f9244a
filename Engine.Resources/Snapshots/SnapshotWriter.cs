using System.Buffers;
using MessagePack;

namespace Engine.Resources.Snapshots;

/// <summary>Writes snapshots in the format described in FORMAT.md.</summary>
public static class SnapshotWriter
{
    /// <summary>The format version this writer writes; JSON documents of the tools carry it as <c>formatVersion</c>,
    /// since their resource object changes with the format.</summary>
    public const int FormatVersion = SnapshotFormat.CurrentVersion;

    private static readonly MessagePackSerializerOptions Plain =
        SnapshotSerializerOptions.Create(new SnapshotBodyFormatter(), SnapshotCompression.None);

    private static readonly MessagePackSerializerOptions Lz4 =
        SnapshotSerializerOptions.Create(new SnapshotBodyFormatter(), SnapshotCompression.Lz4);

    /// <summary>Writes <paramref name="snapshot"/> to <paramref name="stream"/> (header, then body), leaving the
    /// stream open. Throws <see cref="SnapshotTooLargeException"/>, before writing anything, if the format cannot hold
    /// it.</summary>
    public static void Write(ResourceSnapshot snapshot, Stream stream, SnapshotCompression compression = SnapshotCompression.Lz4)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(stream);
        WriteCore(snapshot.Frame, snapshot.CapturedAtUtc, snapshot.RegistryId, new SnapshotBody(snapshot.RecordArray, snapshot.DependencyArray), stream, compression);
    }

    internal static void WriteCore(long frame, DateTime capturedAtUtc, string? registryId, SnapshotBody source, Stream stream, SnapshotCompression compression)
    {
        // The body goes first into memory: the header carries its checksum.
        // Sized for the usual outcome (about 12 bytes per record with LZ4, 30 without) to avoid regrowth copies.
        using var body = new PooledBufferWriter(source.Count * (compression == SnapshotCompression.Lz4 ? 14 : 32));
        try
        {
            MessagePackSerializer.Serialize(body, source, compression == SnapshotCompression.Lz4 ? Lz4 : Plain);
        }
        catch (MessagePackSerializationException ex) when (ex.InnerException is SnapshotTooLargeException tooLarge)
        {
            throw tooLarge; // MessagePack wraps what a formatter throws; the caller wants the reason, not the wrapper
        }

        var headerBuffer = new ArrayBufferWriter<byte>(128);
        var writer = new MessagePackWriter(headerBuffer);
        writer.WriteArrayHeader(SnapshotFormat.HeaderFieldCountV2);
        writer.Write(SnapshotFormat.Magic);
        writer.Write(SnapshotFormat.CurrentVersion);
        writer.Write(SnapshotFormat.WriterVersion);
        writer.Write(frame);
        writer.Write(DateTime.SpecifyKind(capturedAtUtc, DateTimeKind.Utc));
        writer.Write(source.Count);
        writer.Write((byte)compression);
        writer.Write(SnapshotFormat.Checksum(body.WrittenSpan));
        writer.Write(registryId);
        writer.Flush();
        stream.Write(headerBuffer.WrittenSpan);
        stream.Write(body.WrittenSpan);
    }

    /// <summary>The bytes <see cref="Write"/> writes for <paramref name="snapshot"/>, as a new array.</summary>
    public static byte[] ToBytes(ResourceSnapshot snapshot, SnapshotCompression compression = SnapshotCompression.Lz4)
    {
        using var stream = new MemoryStream();
        Write(snapshot, stream, compression);
        return stream.ToArray();
    }

    /// <summary>Writes to a temporary file first so a crash mid-write never leaves a torn snapshot behind.</summary>
    public static void WriteFile(ResourceSnapshot snapshot, string path, SnapshotCompression compression = SnapshotCompression.Lz4)
    {
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Write(snapshot, stream, compression);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
