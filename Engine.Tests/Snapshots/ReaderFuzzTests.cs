using Engine.Resources.Snapshots;

namespace Engine.Tests.Snapshots;

public class ReaderFuzzTests
{
    [Fact]
    public void MutatedInputsEitherReadOrRaiseTheFormatException()
    {
        int rejected = 0;
        int unsealed = 0;
        int count = TimeBoundedLoop.Run(MutatedInputs.All(), input =>
        {
            unsealed += input.Description.Contains("resealed", StringComparison.Ordinal) ? 0 : 1;
            try
            {
                ResourceSnapshot snapshot = SnapshotReader.Read(input.Bytes, "fuzz.ressnap");
                Assert.Equal(snapshot.Header.ResourceCount, snapshot.Records.Count);
            }
            catch (SnapshotFormatException ex)
            {
                rejected += input.Description.Contains("resealed", StringComparison.Ordinal) ? 0 : 1;
                Assert.StartsWith("fuzz.ressnap: ", ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', ex.Message);
            }
        }, TimeSpan.FromSeconds(5), input => input.Description);

        Assert.True(count >= 10_000, $"only {count} inputs");
        // Without resealing, the checksum must catch nearly every mutation (header fields such as the
        // frame can still change to other plausible values).
        Assert.True(rejected > unsealed * 0.9, $"{rejected} of {unsealed} unsealed inputs rejected");
    }

    [Fact]
    public void WrongMagicIsNamedAsSuch()
    {
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read("\x93\xa3abc\x01\x02"u8.ToArray(), "x.bin"));
        Assert.Equal("x.bin: not a resource snapshot (bad magic) (at offset 0)", ex.Message);
    }

    [Fact]
    public void NewerFormatVersionIsRejectedWithBothVersions()
    {
        byte[] bytes = SnapshotWriter.ToBytes(new ResourceSnapshot(1, DateTime.UnixEpoch, []), SnapshotCompression.None);
        // Header: fixarray(7), fixstr(7) "ResSnap", then the format version as a positive fixint.
        Assert.Equal(3, bytes[9]);
        bytes[9] = 4;
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(bytes, "new.ressnap"));
        Assert.Equal("new.ressnap: format version 4 is newer than this reader supports (3) (at offset 9)", ex.Message);
    }

    [Fact]
    public void TruncatedFileNamesAnOffset()
    {
        byte[] bytes = File.ReadAllBytes(Dump.GoldenFiles.Path("before.ressnap"));
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(bytes[..(bytes.Length - 3)], "cut.ressnap"));
        Assert.NotNull(ex.Offset);
        Assert.Contains("cut.ressnap: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeRecordCountIsRefusedBeforeAllocating()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(buffer);
        writer.WriteArrayHeader(8);
        writer.Write("ResSnap");
        writer.Write(1);
        writer.Write("1.0.0");
        writer.Write(0L);
        writer.Write(DateTime.UnixEpoch);
        writer.Write(int.MaxValue);
        writer.Write((byte)0);
        writer.Write(0UL);
        writer.Flush();
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(buffer.WrittenMemory, "huge.ressnap"));
        Assert.Contains("header announces 2147483647 resources, impossible for a file of", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedBitInANameIsCaughtByTheChecksum()
    {
        byte[] bytes = File.ReadAllBytes(Dump.GoldenFiles.Path("before.ressnap"));
        int at = bytes.AsSpan().IndexOf("vertices"u8);
        bytes[at] ^= 0x01;
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(bytes, "flip.ressnap"));
        Assert.Contains("body checksum mismatch", ex.Message, StringComparison.Ordinal);
    }
}
