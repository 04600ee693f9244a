using Engine.Analysis;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Analysis;

/// <summary>Aggregates for <c>stats</c>: one pass over the records plus the index's depths and sizes.</summary>
public sealed class ForestStats
{
    public ForestStats(SnapshotIndex index, int top)
    {
        var kinds = new Dictionary<string, KindStats>(StringComparer.Ordinal);
        var depths = new int[index.MaxDepth + 1];
        for (int i = 0; i < index.Count; i++)
        {
            SnapshotRecord record = index.Records[i];
            if (!kinds.TryGetValue(record.Kind, out KindStats? stats))
            {
                stats = new KindStats(record.Kind);
                kinds.Add(record.Kind, stats);
            }

            stats.Count++;
            stats.ByState[(int)record.State]++;
            stats.Bytes += record.SizeBytes ?? 0;
            ByState[(int)record.State]++;
            TotalBytes += record.SizeBytes ?? 0;
            if (index.Depth[i] >= 0)
            {
                depths[index.Depth[i]]++;
            }
        }

        Kinds = [.. kinds.Values.OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal)];
        DepthHistogram = depths;
        // Largest subtrees: the top N by size, ties broken by handle order for stable output.
        Largest = [.. index.SortedByHandle.Where(i => index.SubtreeSize[i] > 1)
            .OrderByDescending(i => index.SubtreeSize[i]).Take(top)];
    }

    public IReadOnlyList<KindStats> Kinds { get; }

    public int[] ByState { get; } = new int[5];

    public Int128 TotalBytes { get; }

    /// <summary>Resources per depth; index 0 are the roots.</summary>
    public int[] DepthHistogram { get; }

    /// <summary>
    /// The histogram in at most <paramref name="maxRows"/> rows: one per depth when the forest is shallow enough,
    /// otherwise equal ranges of depths, so a file holding a million-deep chain prints a few rows, not a million.
    /// </summary>
    public IReadOnlyList<(int From, int To, long Count)> DepthRows(int maxRows)
    {
        int depths = DepthHistogram.Length;
        int width = Math.Max(1, (depths + maxRows - 1) / maxRows);
        var rows = new List<(int, int, long)>();
        for (int from = 0; from < depths; from += width)
        {
            int to = Math.Min(depths - 1, from + width - 1);
            long count = 0;
            for (int d = from; d <= to; d++)
            {
                count += DepthHistogram[d];
            }

            rows.Add((from, to, count));
        }

        return rows;
    }

    /// <summary>Record indexes of the largest subtrees, largest first.</summary>
    public IReadOnlyList<int> Largest { get; }
}
