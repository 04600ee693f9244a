using Engine.Resources.Snapshots;
using MessagePack;

namespace Engine.Tests.Snapshots;

public class SpanPackerTests
{
    private static readonly long[] Signed =
        [0, 1, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, (long)uint.MaxValue + 1, long.MaxValue,
         -1, -32, -33, -128, -129, short.MinValue, short.MinValue - 1, int.MinValue, (long)int.MinValue - 1, long.MinValue];

    [Fact]
    public void EveryIntegerFormDecodesWithMessagePack()
    {
        var buffer = new byte[Signed.Length * 9 + 9];
        var packer = new SpanPacker(buffer);
        foreach (long value in Signed)
        {
            packer.Write(value);
        }

        packer.Write(ulong.MaxValue);
        var reader = new MessagePackReader(buffer.AsMemory(0, packer.Written));
        foreach (long value in Signed)
        {
            Assert.Equal(value, reader.ReadInt64());
        }

        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.True(reader.End);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(65535)]
    [InlineData(65536)]
    public void EveryStringFormDecodesWithMessagePack(int length)
    {
        string text = string.Concat(Enumerable.Repeat("é", length / 2)) + new string('x', length % 2);
        var buffer = new byte[SpanPacker.MaxStringBytes(text.Length) + 10];
        var packer = new SpanPacker(buffer);
        packer.Write(text);
        packer.Write((string?)null);
        packer.WriteArrayHeader(13);
        packer.WriteArrayHeader(1_000);
        packer.WriteArrayHeader(70_000);
        var reader = new MessagePackReader(buffer.AsMemory(0, packer.Written));
        Assert.Equal(text, reader.ReadString());
        Assert.True(reader.TryReadNil());
        // Array headers (read as raw bytes: a reader would want the elements too): fixarray, array 16, array 32.
        Assert.Equal(new byte[] { 0x9d, 0xdc, 0x03, 0xe8, 0xdd, 0x00, 0x01, 0x11, 0x70 }, buffer[(packer.Written - 9)..packer.Written]);
    }
}
