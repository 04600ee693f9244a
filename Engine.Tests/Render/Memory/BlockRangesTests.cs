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
            foreach (Op op in ops)
            {
                if (op.Allocate || live.Count == 0)
                {
                    ulong alignment = 1UL << op.AlignShift;
                    if (ranges.TryAllocate(op.Size, alignment, out ulong offset))
                    {
                        Assert.Equal(0UL, offset % alignment);
                        Assert.True(offset + op.Size <= BlockSize);
                        Assert.DoesNotContain(live, r => offset < r.Offset + r.Size && r.Offset < offset + op.Size);
                        live.Add((offset, op.Size));
                    }
                    else
                    {
                        Assert.False(AnyGapFits(live, op.Size, alignment), $"refused {op.Size} at {alignment} though a gap fits");
                    }
                }
                else
                {
                    (ulong offset, ulong size) = live[op.Victim % live.Count];
                    live.Remove((offset, size));
                    ranges.Free(offset, size);
                }

                Assert.Equal(live.Aggregate(0UL, (sum, r) => sum + r.Size), ranges.Used);
                Assert.Equal(live.Count, ranges.Allocations);
                Assert.Equal(Gaps(live).Count, ranges.FreeRanges);
                Assert.Equal(Gaps(live).Select(g => g.Size).DefaultIfEmpty(0UL).Max(), ranges.LargestFree);
            }
        }, iter: 300);
    }

    [Fact]
    public void Freeing_twice_or_outside_the_block_is_refused_and_changes_nothing()
    {
        var ranges = new BlockRanges(1024);
        Assert.True(ranges.TryAllocate(100, 16, out ulong a));
        Assert.True(ranges.TryAllocate(100, 16, out ulong b));
        ranges.Free(a, 100);
        Assert.Throws<InvalidOperationException>(() => ranges.Free(a, 100));
        Assert.Throws<InvalidOperationException>(() => ranges.Free(a + 50, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranges.Free(1000, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranges.TryAllocate(8, 3, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranges.TryAllocate(0, 1, out _));
        Assert.Equal(100UL, ranges.Used);
        ranges.Free(b, 100);
        Assert.Equal((0UL, 1, 1024UL, 0.0), (ranges.Used, ranges.FreeRanges, ranges.LargestFree, ranges.Fragmentation));
    }

    [Fact]
    public void A_full_block_refuses_and_fragmentation_reads_the_holes()
    {
        var ranges = new BlockRanges(1000);
        var offsets = new List<ulong>();
        while (ranges.TryAllocate(100, 1, out ulong offset))
        {
            offsets.Add(offset);
        }

        Assert.Equal(10, offsets.Count);
        for (int i = 0; i < offsets.Count; i += 2)
        {
            ranges.Free(offsets[i], 100); // five holes of 100 bytes
        }

        Assert.Equal(5, ranges.FreeRanges);
        Assert.False(ranges.TryAllocate(200, 1, out _));
        Assert.Equal(0.8, ranges.Fragmentation, precision: 6);
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
