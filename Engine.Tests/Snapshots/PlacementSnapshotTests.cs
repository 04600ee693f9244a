using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Dump.Sample;

namespace Engine.Tests.Snapshots;

/// <summary>Placements travel in snapshots (format 3): written from the live registry or from records, compressed or
/// not, they read back as they were; a corrupt one is refused with its record named.</summary>
public class PlacementSnapshotTests
{
    [Theory]
    [InlineData(SnapshotCompression.None)]
    [InlineData(SnapshotCompression.Lz4)]
    public void Placements_round_trip_through_both_writers(SnapshotCompression compression)
    {
        using var scenario = new MemoryScenario();
        ResourceRegistry registry = scenario.Registry;
        ResourceSnapshot captured = registry.CaptureSnapshot();
        using var stream = new MemoryStream();
        registry.WriteSnapshot(stream, compression);

        ResourceSnapshot live = SnapshotReader.Read(stream.ToArray(), "live.ressnap");
        ResourceSnapshot fromRecords = SnapshotReader.Read(SnapshotWriter.ToBytes(captured, compression), "records.ressnap");

        Assert.Equal(3, live.Header.FormatVersion);
        Assert.True(live.RecordSpan.SequenceEqual(captured.RecordSpan));
        Assert.True(fromRecords.RecordSpan.SequenceEqual(captured.RecordSpan));
        var block = new SnapshotHandle(scenario.Block.Id, scenario.Block.Version);
        SnapshotRecord[] placed = [.. live.Records.Where(r => r.Placement is not null)];
        Assert.Equal(4, placed.Length);
        Assert.All(placed, r => Assert.Equal("MemoryAllocation", r.Kind));
        Assert.Equal([0L, 320L << 10, 512L << 10], placed.Where(r => r.Placement!.Value.Container == block).Select(r => r.Placement!.Value.Offset).Order());
        foreach (SnapshotRecord record in live.Records.Where(r => r.Placement is null))
        {
            Assert.NotEqual("MemoryAllocation", record.Kind);
        }
    }

    [Fact]
    public void A_container_far_from_its_resource_and_the_largest_offset_survive()
    {
        var container = new SnapshotHandle(int.MaxValue, 7);
        SnapshotRecord[] records =
        [
            new(new SnapshotHandle(0, 1), "Range", "RangePayload", null, null, ResourceState.Alive, SnapshotFlags.None, 0, 0, 16, null)
            { Placement = new SnapshotPlacement(container, long.MaxValue) },
            new(container, "Block", "BlockPayload", null, null, ResourceState.Alive, SnapshotFlags.None, 0, 0, 64, null)
            { Placement = new SnapshotPlacement(new SnapshotHandle(0, 1), 0) },
        ];

        ResourceSnapshot back = SnapshotReader.Read(SnapshotWriter.ToBytes(new ResourceSnapshot(1, DateTime.UnixEpoch, records), SnapshotCompression.None), "far.ressnap");

        Assert.True(back.RecordSpan.SequenceEqual(records));
    }

    [Fact]
    public void A_negative_offset_is_refused_naming_the_record()
    {
        SnapshotRecord[] records =
        [
            new(new SnapshotHandle(0, 1), "Block", "BlockPayload", null, null, ResourceState.Alive, SnapshotFlags.None, 0, 0, 64, null),
            new(new SnapshotHandle(1, 1), "Range", "RangePayload", null, null, ResourceState.Alive, SnapshotFlags.None, 0, 0, 16, null)
            { Placement = new SnapshotPlacement(new SnapshotHandle(0, 1), -16) },
        ];
        byte[] bytes = SnapshotWriter.ToBytes(new ResourceSnapshot(1, DateTime.UnixEpoch, records), SnapshotCompression.None);

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(bytes, "bad.ressnap"));

        Assert.Contains("bad.ressnap: record 1 has placement offset -16, below 0", error.Message);
    }

    [Fact]
    public void A_placement_that_is_not_an_array_of_three_is_refused()
    {
        SnapshotRecord[] records =
        [
            new(new SnapshotHandle(0, 1), "Range", "RangePayload", null, null, ResourceState.Alive, SnapshotFlags.None, 0, 0, 16, null)
            { Placement = new SnapshotPlacement(new SnapshotHandle(0, 1), 5) },
        ];
        byte[] bytes = SnapshotWriter.ToBytes(new ResourceSnapshot(1, DateTime.UnixEpoch, records), SnapshotCompression.None);
        SnapshotHeader header = SnapshotReader.ReadHeader(bytes, "good.ressnap", out int bodyStart);
        byte[] body = bytes[bodyStart..];
        // The placement is the record's last element: [distance 0, version 1, offset 5] = 0x93 0x00 0x01 0x05.
        int at = body.AsSpan().LastIndexOf(new byte[] { 0x93, 0x00, 0x01, 0x05 });
        Assert.True(at > 0);
        byte[] shortened = [.. body[..at], 0x92, 0x00, 0x01, .. body[(at + 4)..]];
        byte[] notArray = [.. body[..at], 0x05, .. body[(at + 4)..]];

        foreach (byte[] corrupt in new[] { shortened, notArray })
        {
            var error = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(MutatedInputs.Reseal(header, corrupt), "bad.ressnap"));
            Assert.Contains("record 0", error.Message);
        }
    }
}
