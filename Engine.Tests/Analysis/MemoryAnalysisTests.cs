using Engine.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Dump.Sample;

namespace Engine.Tests.Analysis;

/// <summary>What <see cref="MemoryAnalysis"/> makes of placements: the figures of a fragmented block, and a broken
/// file's overlaps, overruns and dangling containers counted, never summed twice.</summary>
public class MemoryAnalysisTests
{
    private const long KiB = 1024;

    [Fact]
    public void A_fragmented_block_and_a_full_one()
    {
        using var scenario = new MemoryScenario();
        var memory = new MemoryAnalysis(new SnapshotIndex(scenario.Capture()));

        Assert.Equal(2, memory.Containers.Count);
        ContainerUse block = memory.Containers[0];
        Assert.Equal("memory block type 2", memory.Index.Records[block.Index].Name);
        // 256 KiB used, 64 KiB hole, 128 KiB used, 64 KiB hole, 256 KiB used, 256 KiB free at the end.
        Assert.Equal(new ContainerUse(block.Index, 1024 * KiB, 640 * KiB, 384 * KiB, 3, 256 * KiB, 1 - 256.0 / 384, 0), block);
        ContainerUse images = memory.Containers[1];
        Assert.Equal(new ContainerUse(images.Index, 256 * KiB, 256 * KiB, 0, 1, 0, 0, 0), images);
        Assert.Equal(1280 * KiB, memory.TotalSize);
        Assert.Equal(896 * KiB, memory.TotalUsed);
        Assert.Equal(384 * KiB, memory.TotalFree);
        Assert.Equal(4, memory.TotalRanges);
        Assert.Equal(0, memory.Unmatched);
    }

    [Fact]
    public void An_empty_free_list_has_no_fragmentation_and_one_hole_none() =>
        Assert.Equal((0.0, 0.0, 0.75), (MemoryAnalysis.Fragmentation(0, 0), MemoryAnalysis.Fragmentation(100, 100), MemoryAnalysis.Fragmentation(400, 100)));

    [Fact]
    public void Any_kind_with_a_size_is_a_container_and_broken_ranges_count_once()
    {
        // A container of an unknown kind, ranges given out of order: [0,100) [50,150) overlap, [900,1100) runs past the
        // end of 1000 bytes, an empty one at 500 splits nothing, one starts past the end.
        var container = Record(0, "Heap", size: 1000);
        SnapshotRecord[] records =
        [
            Record(5, "Range", size: 200, placedIn: container, offset: 900),
            Record(2, "Range", size: 100, placedIn: container, offset: 50),
            container,
            Record(1, "Range", size: 100, placedIn: container, offset: 0),
            Record(3, "Range", size: null, placedIn: container, offset: 500),
            Record(4, "Range", size: 10, placedIn: container, offset: 5000),
            Record(6, "Range", size: 10, placedIn: Record(42, "Gone", size: 10), offset: 0), // not in the file
            Record(7, "Sizeless", size: null),
            Record(8, "Range", size: 10, placedIn: Record(7, "Sizeless", size: null), offset: 0),
        ];

        var memory = new MemoryAnalysis(new SnapshotIndex(new ResourceSnapshot(1, DateTime.UnixEpoch, records)));

        ContainerUse use = Assert.Single(memory.Containers);
        Assert.Equal(2, use.Index);
        Assert.Equal(1000, use.Size);
        Assert.Equal(150 + 100, use.Used); // [0,150) and [900,1000): each byte once, nothing past the end
        Assert.Equal(750, use.Free);
        Assert.Equal(5, use.Ranges);
        Assert.Equal(750, use.LargestFree); // [150,900): the empty range at 500 does not split it
        Assert.Equal(0, use.Fragmentation);
        Assert.Equal(3, use.BadRanges); // the overlap, the overrun, the one past the end
        Assert.Equal(2, memory.Unmatched);
    }

    [Fact]
    public void Sizes_near_the_limits_of_a_long_do_not_wrap()
    {
        var container = Record(0, "Heap", size: long.MaxValue);
        SnapshotRecord[] records =
        [
            container,
            Record(1, "Range", size: long.MaxValue, placedIn: container, offset: long.MaxValue - 1),
            Record(2, "Heap", size: long.MaxValue),
            Record(3, "Range", size: 1, placedIn: Record(2, "Heap", size: long.MaxValue), offset: 0),
        ];

        var memory = new MemoryAnalysis(new SnapshotIndex(new ResourceSnapshot(1, DateTime.UnixEpoch, records)));

        Assert.Equal(2, memory.Containers.Count);
        Assert.Equal(1, memory.Containers[0].Used);
        Assert.Equal(1, memory.Containers[0].BadRanges);
        Assert.Equal((Int128)long.MaxValue * 2, memory.TotalSize);
        Assert.Equal((Int128)long.MaxValue * 2 - 2, memory.TotalFree);
    }

    private static SnapshotRecord Record(int id, string kind, long? size, SnapshotRecord? placedIn = null, long offset = 0) =>
        new(new SnapshotHandle(id, 1), kind, kind + "Payload", null, null, ResourceState.Alive, SnapshotFlags.None, 0, 0, size, null)
        {
            Placement = placedIn is { } container ? new SnapshotPlacement(container.Handle, offset) : null,
        };
}
