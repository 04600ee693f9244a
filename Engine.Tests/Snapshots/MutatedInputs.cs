using System.Buffers;
using Engine.Resources.Snapshots;
using Engine.Tests.Dump;
using MessagePack;

namespace Engine.Tests.Snapshots;

/// <summary>
/// Deterministic fuzz corpus from the checked-in snapshots (one plain, one LZ4): every truncation, random
/// bit flips, random bytes (bare and behind a valid header), and huge length prefixes at every offset.
/// Body mutations also come "resealed" (header checksum recomputed), so the body parser itself meets the
/// garbage instead of the checksum check stopping it first.
/// </summary>
public static class MutatedInputs
{
    private static readonly byte[][] LengthMarkers =
    [
        [0xdd, 0xff, 0xff, 0xff, 0xff], // array 32 claiming 4 billion elements
        [0xdb, 0x7f, 0xff, 0xff, 0xff], // str 32 claiming 2 GiB
        [0xc6, 0x7f, 0xff, 0xff, 0xf0], // bin 32
        [0xc9, 0x7f, 0xff, 0xff, 0xff, 0x62], // ext 32 of the LZ4 block array type
        [0xce, 0x7f, 0xff, 0xff, 0xff], // uint 32 near int.MaxValue (counts, lengths, indexes)
    ];

    public static IEnumerable<MutatedInput> All(int seed = 12345)
    {
        var random = new Random(seed);
        foreach (string name in new[] { "before.ressnap", "blocked.ressnap" })
        {
            byte[] original = File.ReadAllBytes(GoldenFiles.Path(name));
            SnapshotHeader header = SnapshotReader.ReadHeader(original, name, out int bodyStart);
            for (int length = 0; length < original.Length; length++)
            {
                yield return new MutatedInput($"{name} truncated to {length} bytes", original[..length]);
            }

            for (int i = 0; i < 3500; i++)
            {
                byte[] copy = (byte[])original.Clone();
                int flips = 1 + random.Next(4);
                for (int f = 0; f < flips; f++)
                {
                    int bit = random.Next(copy.Length * 8);
                    copy[bit / 8] ^= (byte)(1 << (bit % 8));
                }

                yield return new MutatedInput($"{name} with {flips} bit flips (#{i})", copy);

                byte[] body = original[bodyStart..];
                int bodyBit = random.Next(body.Length * 8);
                body[bodyBit / 8] ^= (byte)(1 << (bodyBit % 8));
                yield return new MutatedInput($"{name} resealed with body bit {bodyBit} flipped", Reseal(header, body));
            }

            for (int offset = 0; offset < original.Length; offset++)
            {
                byte[] marker = LengthMarkers[offset % LengthMarkers.Length];
                byte[] copy = (byte[])original.Clone();
                marker.AsSpan(0, Math.Min(marker.Length, copy.Length - offset)).CopyTo(copy.AsSpan(offset));
                yield return new MutatedInput($"{name} with length marker {marker[0]:x2} at offset {offset}", copy);
                if (offset >= bodyStart)
                {
                    yield return new MutatedInput($"{name} resealed with length marker {marker[0]:x2} at offset {offset}", Reseal(header, copy[bodyStart..]));
                }
            }

            for (int i = 0; i < 500; i++)
            {
                // A valid header (checksum included) so the body parser, not the magic check, meets the garbage.
                byte[] tail = new byte[random.Next(0, 600)];
                random.NextBytes(tail);
                yield return new MutatedInput($"{name} resealed header + {tail.Length} random bytes (#{i})", Reseal(header, tail));
            }
        }

        for (int i = 0; i < 500; i++)
        {
            byte[] bytes = new byte[random.Next(0, 2000)];
            random.NextBytes(bytes);
            yield return new MutatedInput($"{bytes.Length} random bytes (#{i})", bytes);
        }
    }

    /// <summary>The header of <paramref name="header"/> re-encoded with the checksum of <paramref name="body"/>, then the body.</summary>
    public static byte[] Reseal(SnapshotHeader header, byte[] body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(header.FormatVersion >= 2 ? 9 : 8);
        writer.Write("ResSnap");
        writer.Write(header.FormatVersion);
        writer.Write(header.WriterVersion);
        writer.Write(header.Frame);
        writer.Write(header.CapturedAtUtc);
        writer.Write(header.ResourceCount);
        writer.Write((byte)header.Compression);
        writer.Write(System.IO.Hashing.XxHash3.HashToUInt64(body));
        if (header.FormatVersion >= 2)
        {
            writer.Write(header.RegistryId);
        }

        writer.Flush();
        return [.. buffer.WrittenSpan, .. body];
    }
}
