using Engine.Resources;
using CsCheck;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Snapshots;

public class RoundTripTests
{
    [Theory]
    [InlineData(SnapshotCompression.None)]
    [InlineData(SnapshotCompression.Lz4)]
    public void RandomForestsSurviveWriteAndRead(SnapshotCompression compression)
    {
        SnapshotGenerators.Snapshot.Sample(snapshot =>
        {
            byte[] bytes = SnapshotWriter.ToBytes(snapshot, compression);
            ResourceSnapshot back = SnapshotReader.Read(bytes, "roundtrip");
            Assert.True(snapshot.ContentEquals(back));
            Assert.Equal(compression, back.Header.Compression);
            Assert.Equal(snapshot.Records.Count, back.Header.ResourceCount);
        }, iter: 300);
    }

    [Fact]
    public void LargeRepetitiveSnapshotIsActuallyCompressed()
    {
        var records = new SnapshotRecord[20_000];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = new SnapshotRecord(new SnapshotHandle(i, 1), "Buffer", "Vk.Buffer", "vertex buffer",
                i == 0 ? null : new SnapshotHandle(0, 1), ResourceState.Alive, SnapshotFlags.None, 7, 0, 4096, null);
        }

        var snapshot = new ResourceSnapshot(9, DateTime.UnixEpoch, records);
        byte[] plain = SnapshotWriter.ToBytes(snapshot, SnapshotCompression.None);
        byte[] lz4 = SnapshotWriter.ToBytes(snapshot, SnapshotCompression.Lz4);
        Assert.True(lz4.Length * 4 < plain.Length, $"LZ4 {lz4.Length} bytes vs plain {plain.Length} bytes");
        Assert.True(snapshot.ContentEquals(SnapshotReader.Read(lz4, "lz4")));
    }

    [Fact]
    public void WriteFileReplacesAtomicallyAndReadsBack()
    {
        string path = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.ressnap");
        try
        {
            var snapshot = new ResourceSnapshot(3, DateTime.UnixEpoch, [
                new SnapshotRecord(new SnapshotHandle(1, 1), "Device", "Vk.Device", "gpu", null, ResourceState.Alive, SnapshotFlags.None, 0, 0, null, null)]);
            SnapshotWriter.WriteFile(snapshot, path);
            Assert.False(File.Exists(path + ".tmp"));
            Assert.True(snapshot.ContentEquals(SnapshotReader.ReadFile(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
