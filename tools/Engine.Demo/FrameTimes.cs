using System.Diagnostics;

namespace Engine.Demo;

/// <summary>
/// Frame times as a histogram of 10 µs buckets up to 1 s (no allocation per frame, however long the run): the
/// report's p50, p99 and max, what a load on the inspector must not degrade.
/// </summary>
internal sealed class FrameTimes
{
    private const double BucketMs = 0.01;
    private readonly int[] _buckets = new int[100_000];
    private long _count;
    private double _maxMs;

    public void Add(long elapsedTicks)
    {
        double ms = elapsedTicks * 1000.0 / Stopwatch.Frequency;
        _buckets[Math.Min((int)(ms / BucketMs), _buckets.Length - 1)]++;
        _count++;
        _maxMs = Math.Max(_maxMs, ms);
    }

    public long Count => _count;

    public void Clear()
    {
        Array.Clear(_buckets);
        _count = 0;
        _maxMs = 0;
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="quantile"/> (0..1) frame, in ms.</summary>
    public double Percentile(double quantile)
    {
        long rank = (long)Math.Ceiling(quantile * _count);
        long seen = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank && seen > 0)
            {
                return Math.Min((i + 1) * BucketMs, _maxMs);
            }
        }

        return _maxMs;
    }

    public double MaxMs => _maxMs;
}
