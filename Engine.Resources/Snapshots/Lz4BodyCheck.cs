using MessagePack;

namespace Engine.Resources.Snapshots;

/// <summary>
/// Checks the framing of an LZ4 block array body before MessagePack decompresses it: MessagePack trusts
/// the uncompressed lengths it finds there and would allocate whatever they claim.
/// </summary>
internal static class Lz4BodyCheck
{
    private const sbyte Lz4BlockArrayExtension = 98;

    /// <summary>
    /// MessagePack stores bodies under 64 bytes uncompressed even when asked for LZ4; a plain body
    /// starts with an array whose first element is an array, never an extension.
    /// </summary>
    public static bool LooksCompressed(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        try
        {
            return !reader.End && reader.NextMessagePackType == MessagePackType.Array
                && reader.ReadArrayHeader() > 0 && !reader.End && reader.NextMessagePackType == MessagePackType.Extension;
        }
        catch (Exception ex) when (SnapshotFormat.IsDecodeFailure(ex))
        {
            return false;
        }
    }

    /// <summary>Returns the number of bytes the container occupies.</summary>
    public static long Check(ReadOnlyMemory<byte> body, string source, long bodyOffset)
    {
        var reader = new MessagePackReader(body);
        long remaining = body.Length;
        try
        {
            if (reader.End || reader.NextMessagePackType != MessagePackType.Array)
            {
                throw Error(source, "compressed body is not an LZ4 block array", bodyOffset);
            }

            int items = reader.ReadArrayHeader();
            if (items < 2 || reader.NextMessagePackType != MessagePackType.Extension)
            {
                throw Error(source, "compressed body is not an LZ4 block array", bodyOffset);
            }

            ExtensionHeader ext = reader.ReadExtensionFormatHeader();
            if (ext.TypeCode != Lz4BlockArrayExtension)
            {
                throw Error(source, $"compressed body has extension type {ext.TypeCode}, expected {Lz4BlockArrayExtension}", bodyOffset + reader.Consumed);
            }

            int blocks = items - 1;
            long lengthsEnd = reader.Consumed + ext.Length;
            // Each length takes at least one byte and each block at least two, so both counts are bounded by the input.
            if (ext.Length > remaining - reader.Consumed || blocks > ext.Length || blocks > (remaining - lengthsEnd) / 2)
            {
                throw Error(source, $"LZ4 block array claims {blocks} blocks, more than the remaining {remaining - reader.Consumed} bytes can hold", bodyOffset + reader.Consumed);
            }

            var claimed = new int[blocks];
            for (int i = 0; i < blocks; i++)
            {
                claimed[i] = reader.ReadInt32();
            }

            if (reader.Consumed != lengthsEnd)
            {
                throw Error(source, "LZ4 block length list does not match its extension size", bodyOffset + reader.Consumed);
            }

            long total = 0;
            for (int i = 0; i < blocks; i++)
            {
                long blockOffset = bodyOffset + reader.Consumed;
                if (reader.NextMessagePackType != MessagePackType.Binary)
                {
                    throw Error(source, $"LZ4 block {i} is not binary data", blockOffset);
                }

                long compressed = reader.ReadBytes()?.Length ?? 0;
                if (claimed[i] < 0 || claimed[i] > compressed * SnapshotFormat.MaxLz4Ratio + 64)
                {
                    throw Error(source, $"LZ4 block {i} claims {claimed[i]} uncompressed bytes from {compressed} compressed bytes", blockOffset);
                }

                total += claimed[i];
                if (total > SnapshotFormat.MaxBodyBytes)
                {
                    throw Error(source, "LZ4 body claims more than 2 GiB uncompressed", blockOffset);
                }
            }

            return reader.Consumed;
        }
        catch (Exception ex) when (SnapshotFormat.IsDecodeFailure(ex))
        {
            throw Error(source, $"corrupt LZ4 framing: {ex.Message}", bodyOffset + reader.Consumed, ex);
        }
    }

    private static SnapshotFormatException Error(string source, string problem, long offset, Exception? inner = null) =>
        new(source, problem, offset, inner);
}
