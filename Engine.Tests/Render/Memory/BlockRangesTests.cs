using CsCheck;
using Engine.Render.Memory;

namespace Engine.Tests.Render.Memory;

/// <summary>The free ranges of a block against an interval model: random sizes, alignments and frees.</summary>
public class BlockRangesTests
{
    private const ulong BlockSize = 1 << 16;

    private readonly record struct Op(bool Allocate, ulong Size, int AlignShift, int Victim);

    private static readonly Gen<Op[]> Ops = Gen.Select(Gen.Int[0, 9], Gen.ULong[1, 9000], Gen.Int[0, 8], Gen.Int[0, int.MaxValue])
        .Select((kind, size, shift, victim) => new Op(kind < 6, size, shift, victim)).Array[1, 300];

    [Fact]
    public void Live_ranges_never_overlap_are_aligned_and_free_space_is_always_merged()
    {
        Ops.Sample(ops =>
        {
            var ranges = new BlockRanges(BlockSize);
            var live = new List<(ulong Offset, ulong Size)>();
            var handed = new List<BlockRange>();
            foreach (Op op in ops)
            {
                if (op.Allocate || live.Count == 0)
                {
                    ulong alignment = 1UL << op.AlignShift;
                    ulong rounded = (op.Size + 15) / 16 * 16;
                    if (ranges.TryAllocate(op.Size, alignment, out BlockRange range))
                    {
                        ulong offset = range.Offset;
                        // The range holds the request and at most the alignment's padding after it.
                        Assert.InRange(range.Size, rounded, rounded + Math.Max(alignment, 16) - 16);
                        Assert.Equal(0UL, range.Size % 16);
                        Assert.Equal(0UL, offset % alignment);
                        Assert.True(offset + range.Size <= BlockSize);
                        Assert.DoesNotContain(live, r => offset < r.Offset + r.Size && r.Offset < offset + range.Size);
                        live.Add((offset, range.Size));
                        handed.Add(range);
                    }
                    else
                    {
                        Assert.False(AnyGapFits(live, rounded, alignment), $"refused {op.Size} at {alignment} though a gap fits");
                    }
                }
                else
                {
                    int victim = op.Victim % live.Count;
                    ranges.Free(handed[victim]);
                    live.RemoveAt(victim);
                    handed.RemoveAt(victim);
                }

                Assert.Equal(live.Aggregate(0UL, (sum, r) => sum + r.Size), ranges.Used);
                Assert.Equal(live.Count, ranges.Allocations);
                Assert.Equal(Gaps(live).Count, ranges.FreeRanges);
                Assert.Equal(Gaps(live).Select(g => g.Size).DefaultIfEmpty(0UL).Max(), ranges.LargestFree);
            }
        }, iter: 300);
    }

    [Fact]
    public void Freeing_twice_or_a_stale_range_is_refused_and_changes_nothing()
    {
        var ranges = new BlockRanges(1024);
        Assert.True(ranges.TryAllocate(100, 16, out BlockRange a));
        Assert.True(ranges.TryAllocate(100, 16, out BlockRange b));
        ranges.Free(a);
        Assert.Throws<InvalidOperationException>(() => ranges.Free(a));
        Assert.True(ranges.TryAllocate(100, 16, out BlockRange again)); // the same bytes, handed out anew
        Assert.Equal(a.Offset, again.Offset);
        Assert.Throws<InvalidOperationException>(() => ranges.Free(a)); // the old range does not free the new one
        Assert.Throws<InvalidOperationException>(() => ranges.Free(b with { Size = 16 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranges.TryAllocate(8, 3, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranges.TryAllocate(0, 1, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranges.TryAllocate(2048, 1, out _));
        Assert.Equal(224UL, ranges.Used);
        ranges.Free(again);
        ranges.Free(b);
        Assert.Equal((0UL, 1, 1024UL, 0.0), (ranges.Used, ranges.FreeRanges, ranges.LargestFree, ranges.Fragmentation));
    }

    [Fact]
    public void A_full_block_refuses_and_fragmentation_reads_the_holes()
    {
        var ranges = new BlockRanges(1600);
        var handed = new List<BlockRange>();
        while (ranges.TryAllocate(160, 1, out BlockRange range))
        {
            handed.Add(range);
        }

        Assert.Equal(10, handed.Count);
        for (int i = 0; i < handed.Count; i += 2)
        {
            ranges.Free(handed[i]); // five holes of 160 bytes
        }

        Assert.Equal(5, ranges.FreeRanges);
        Assert.False(ranges.TryAllocate(320, 1, out _));
        Assert.True(ranges.TryAllocate(160, 32, out BlockRange aligned)); // 0, 320, 640…: a hole at an aligned offset
        Assert.Equal(0UL, aligned.Offset % 32);
        Assert.Equal(0.75, ranges.Fragmentation, precision: 6);
    }

    private static bool AnyGapFits(List<(ulong Offset, ulong Size)> live, ulong size, ulong alignment) =>
        Gaps(live).Any(g =>
        {
            ulong aligned = (g.Offset + alignment - 1) & ~(alignment - 1);
            return aligned <= g.Offset + g.Size && g.Offset + g.Size - aligned >= size;
        });

    private static List<(ulong Offset, ulong Size)> Gaps(List<(ulong Offset, ulong Size)> live)
    {
        var gaps = new List<(ulong, ulong)>();
        ulong at = 0;
        foreach ((ulong offset, ulong size) in live.OrderBy(r => r.Offset))
        {
            if (offset > at)
            {
                gaps.Add((at, offset - at));
            }

            at = offset + size;
        }

        if (at < BlockSize)
        {
            gaps.Add((at, BlockSize - at));
        }

        return gaps;
    }
}
