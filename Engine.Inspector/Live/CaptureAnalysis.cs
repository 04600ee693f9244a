using Engine.Analysis;
using Engine.Resources.Snapshots;

namespace Engine.Inspector.Live;

/// <summary>
/// One capture read and analysed once, however many requests it serves (all requests before an update share its
/// capture), and the growth history the summaries build: a sample per new capture, at most one per
/// <see cref="SampleSpacing"/>, so many clients polling at once do not make a group look like it grows faster.
/// </summary>
internal sealed class CaptureAnalysis
{
    public static readonly TimeSpan SampleSpacing = TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private byte[]? _bytes;
    private (SnapshotIndex Index, BlockerAnalysis Blocked)? _latest;
    private long _lastSampleFrame = -1;
    private long _lastSampleTicks;

    public GrowthHistory<LeakGroupKey> Growth { get; } = new();

    /// <summary>The analysis of <paramref name="capture"/>; growth samples are taken when <paramref name="sample"/>.</summary>
    public (SnapshotIndex Index, BlockerAnalysis Blocked) Of(byte[] capture, bool sample)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(capture, _bytes) || _latest is null)
            {
                var index = new SnapshotIndex(SnapshotReader.Read(capture, "live capture"));
                _latest = (index, new BlockerAnalysis(index));
                _bytes = capture;
            }

            (SnapshotIndex index1, _) = _latest.Value;
            long frame = index1.Snapshot.Header.Frame;
            if (sample && frame > _lastSampleFrame && Environment.TickCount64 - _lastSampleTicks >= SampleSpacing.TotalMilliseconds)
            {
                Growth.Add(frame, LeakAnalysis.GroupCounts(index1));
                _lastSampleFrame = frame;
                _lastSampleTicks = Environment.TickCount64;
            }

            return _latest.Value;
        }
    }

    /// <summary>Runs <paramref name="read"/> on the growth history under the lock (summaries are written from many threads).</summary>
    public T WithGrowth<T>(Func<GrowthHistory<LeakGroupKey>, T> read)
    {
        lock (_gate)
        {
            return read(Growth);
        }
    }
}
