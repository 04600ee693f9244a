using Engine.Resources.Snapshots;

namespace Engine.Analysis;

/// <summary>
/// How full each container is: the resources placed in it (<c>ResourceRegistry.SetPlacement</c>, a sub-allocation in
/// its memory block) against its declared size. Generic: a container is any record that has placed resources and a
/// declared size, whatever its kind. Read from the file, so it tolerates what a broken one holds: ranges that overlap or
/// run past their container's end count once per byte covered (and as <see cref="ContainerUse.BadRanges"/>), and
/// placements in a container the file lacks or that declares no size are counted apart (<see cref="Unmatched"/>).
/// </summary>
public sealed class MemoryAnalysis
{
    public MemoryAnalysis(SnapshotIndex index)
    {
        Index = index;
        var placed = new Dictionary<int, List<(long Offset, long Size)>>();
        int unmatched = 0;
        for (int i = 0; i < index.Count; i++)
        {
            if (index.Records[i].Placement is not { } placement)
            {
                continue;
            }

            if (!index.ByHandle.TryGetValue(placement.Container, out int container) || index.Records[container].SizeBytes is not >= 0)
            {
                unmatched++;
                continue;
            }

            (placed.TryGetValue(container, out var ranges) ? ranges : placed[container] = []).Add((placement.Offset, Math.Max(0, index.Records[i].SizeBytes ?? 0)));
        }

        var containers = new List<ContainerUse>(placed.Count);
        foreach (int i in index.SortedByHandle)
        {
            if (placed.TryGetValue(i, out var ranges))
            {
                ContainerUse use = Measure(i, index.Records[i].SizeBytes!.Value, ranges);
                containers.Add(use);
                TotalSize += use.Size;
                TotalUsed += use.Used;
                TotalFree += use.Free;
                TotalRanges += use.Ranges;
            }
        }

        Containers = containers;
        Unmatched = unmatched;
    }

    public SnapshotIndex Index { get; }

    /// <summary>Every container, by handle.</summary>
    public IReadOnlyList<ContainerUse> Containers { get; }

    /// <summary>Placements whose container the file does not hold, or holds without a declared size.</summary>
    public int Unmatched { get; }

    /// <summary>Sums over <see cref="Containers"/>: 128-bit, as a file may declare any 64-bit size for each.</summary>
    public Int128 TotalSize { get; }

    public Int128 TotalUsed { get; }

    public Int128 TotalFree { get; }

    public long TotalRanges { get; }

    /// <summary>1 - largest free range / free bytes: 0 when the free bytes are one range (or none), near 1 when they
    /// are scattered in many small holes, none big enough for a large request.</summary>
    public static double Fragmentation(long free, long largestFree) => free <= 0 ? 0 : 1 - (double)largestFree / free;

    private static ContainerUse Measure(int container, long size, List<(long Offset, long Size)> ranges)
    {
        ranges.Sort();
        long used = 0;
        long largestFree = 0;
        long covered = 0; // everything below this byte is used or already counted as a hole
        int bad = 0;
        foreach ((long offset, long length) in ranges)
        {
            long end = length > long.MaxValue - offset ? long.MaxValue : offset + length;
            if (offset < covered || offset > size || length > size - offset)
            {
                bad++;
            }

            long start = Math.Min(Math.Max(offset, covered), size);
            long stop = Math.Min(end, size);
            if (stop > start) // an empty range (or one wholly overlapped or past the end) splits no free run
            {
                largestFree = Math.Max(largestFree, start - covered);
                used += stop - start;
                covered = stop;
            }
        }

        largestFree = Math.Max(largestFree, size - covered);
        long free = size - used;
        return new ContainerUse(container, size, used, free, ranges.Count, largestFree, Fragmentation(free, largestFree), bad);
    }
}

/// <summary>One container's use.</summary>
/// <param name="Index">The container's record index.</param>
/// <param name="Size">Its declared size in bytes.</param>
/// <param name="Used">Bytes covered by the resources placed in it (their sizes summed, when none overlap).</param>
/// <param name="Free">Size minus used.</param>
/// <param name="Ranges">Resources placed in it.</param>
/// <param name="LargestFree">The largest run of free bytes: the largest request it could still hold.</param>
/// <param name="Fragmentation"><see cref="MemoryAnalysis.Fragmentation"/> of this container.</param>
/// <param name="BadRanges">Placed ranges that overlap another or run past the end (a broken registry or file).</param>
public readonly record struct ContainerUse(int Index, long Size, long Used, long Free, int Ranges, long LargestFree, double Fragmentation, int BadRanges);
