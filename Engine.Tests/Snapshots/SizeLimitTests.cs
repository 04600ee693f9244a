using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Snapshots;

/// <summary>
/// What the library writes, its reader reads, at every size the format allows; beyond it, the writer refuses with a
/// clear error instead of producing a file nobody can read.
/// </summary>
public class SizeLimitTests(ITestOutputHelper output)
{
    [Fact]
    public void Three_million_resources_named_like_asset_paths_round_trip()
    {
        const int count = 3_000_000;
        var records = new SnapshotRecord[count];
        for (int i = 0; i < count; i++)
        {
            // About 100 characters, mostly distinct: what an engine names buffers and images after.
            string name = $"assets/environment/levels/forest_{i / 1000:D4}/meshes/lod{i % 3}/tree_trunk_variant_{i % 97:D2}/part_{i:D7}.mesh#submesh{i % 13}";
            records[i] = new SnapshotRecord(
                new SnapshotHandle(i, 1), "Buffer", "BufferPayload", name,
                i == 0 ? null : new SnapshotHandle((i - 1) / 1000, 1),
                ResourceState.Alive, SnapshotFlags.None, i / 100, 0, 4096 + i, null);
        }

        var snapshot = new ResourceSnapshot(42, DateTime.UtcNow, records);
        using var stream = new MemoryStream();
        SnapshotWriter.Write(snapshot, stream, SnapshotCompression.Lz4);
        output.WriteLine($"{stream.Length:N0} bytes for {count:N0} records with {records[12345].Name!.Length}-char names");

        ResourceSnapshot back = SnapshotReader.Read(stream.GetBuffer().AsMemory(0, (int)stream.Length), "three-million.ressnap");

        Assert.Equal(count, back.Records.Count);
        Assert.Equal(records[0], back.Records[0]);
        Assert.Equal(records[1_234_567], back.Records[1_234_567]);
        Assert.Equal(records[count - 1], back.Records[count - 1]);
    }

    [Fact]
    public void A_body_beyond_the_format_limit_is_refused_by_the_writer_before_anything_is_written()
    {
        string huge = new('x', 1_000_000); // one string shared by every record: the test itself stays small
        var records = new SnapshotRecord[2_200];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = new SnapshotRecord(new SnapshotHandle(i, 1), "Image", "ImagePayload", huge, null,
                ResourceState.Alive, SnapshotFlags.None, 0, 0, null, null);
        }

        using var stream = new MemoryStream();
        var error = Assert.Throws<SnapshotTooLargeException>(() =>
            SnapshotWriter.Write(new ResourceSnapshot(1, DateTime.UtcNow, records), stream));

        Assert.Contains("more than the format's limit of 2,147,483,583 bytes (2 GiB)", error.Message);
        Assert.Contains("2,200 records", error.Message);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void A_live_registry_too_large_to_snapshot_is_refused_and_keeps_working()
    {
        using var registry = Engine.Tests.Core.PlainRegistry.Create();
        string huge = new('n', 1_100_000);
        for (int i = 0; i < 2_000; i++)
        {
            registry.Create(new Engine.Tests.Core.ScopePayload(), name: huge);
        }

        using var stream = new MemoryStream();
        var error = Assert.Throws<SnapshotTooLargeException>(() => registry.WriteSnapshot(stream));

        Assert.Contains("format's limit", error.Message);
        Assert.Equal(0, stream.Length);
        Assert.Equal(2_000, registry.Count);
    }
}
