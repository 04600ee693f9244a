namespace Engine.Analysis;

/// <summary>
/// Counts per group over the last few samples of a running engine, and the rule that flags a group as growing: its
/// count rose in each of the last <see cref="Rises"/> samples. One rule for <c>resdump watch</c> (groups = kinds) and
/// the inspector (groups = kind, name, owner). Keeps at most <see cref="Kept"/> samples: memory stays bounded however
/// long it watches.
/// </summary>
public sealed class GrowthHistory<TKey>(int rises = 3, int kept = 8)
    where TKey : notnull
{
    private readonly Queue<(long Frame, IReadOnlyDictionary<TKey, int> Counts)> _samples = new();

    /// <summary>How many consecutive rises flag a group.</summary>
    public int Rises { get; } = rises is >= 1 and <= 100 ? rises : throw new ArgumentOutOfRangeException(nameof(rises), rises, "1 to 100 rises");

    /// <summary>How many samples are kept (at least one more than <see cref="Rises"/>).</summary>
    public int Kept { get; } = kept > rises ? kept : throw new ArgumentOutOfRangeException(nameof(kept), kept, $"more than {rises} samples must be kept");

    /// <summary>The frames of the samples kept, oldest first.</summary>
    public IEnumerable<long> Frames => _samples.Select(s => s.Frame);

    /// <summary>Adds a sample; a group absent from it counts 0.</summary>
    public void Add(long frame, IReadOnlyDictionary<TKey, int> counts)
    {
        _samples.Enqueue((frame, counts));
        while (_samples.Count > Kept)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>The group's count in each sample kept, oldest first.</summary>
    public int[] Series(TKey key) => [.. _samples.Select(s => s.Counts.TryGetValue(key, out int count) ? count : 0)];

    /// <summary>True when the group's count rose in each of the last <see cref="Rises"/> samples.</summary>
    public bool IsGrowing(TKey key)
    {
        if (_samples.Count <= Rises)
        {
            return false;
        }

        int[] series = Series(key);
        for (int i = series.Length - Rises; i < series.Length; i++)
        {
            if (series[i] <= series[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The growing groups of the newest sample, by growth over the samples kept (largest first).</summary>
    public List<(TKey Key, int[] Series)> Growing()
    {
        if (_samples.Count <= Rises)
        {
            return [];
        }

        return [.. _samples.Last().Counts.Keys.Where(IsGrowing)
            .Select(key => (Key: key, Series: Series(key)))
            .OrderByDescending(g => g.Series[^1] - g.Series[0])];
    }
}
