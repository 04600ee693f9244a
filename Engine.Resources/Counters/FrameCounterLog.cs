namespace Engine.Resources.Counters;

/// <summary>
/// The registry's per-frame counters: a ring of the last frames, written by the owner thread while at least one feed
/// is open and read by the feeds from any thread. The owner never waits on a reader: it writes a slot, then publishes
/// the count (a single-writer ring); a reader copies what was published and then drops whatever the owner may have
/// overwritten meanwhile (counted as missed). A reader preempted in the middle of a copy cannot hold up a frame.
/// Allocated once, on the first feed, and reused: memory stays bounded however long a client stays attached.
/// </summary>
internal sealed class FrameCounterLog
{
    public const int Capacity = FrameCounterFeed.Capacity;

    // One slot more than a reader can get: the slot the owner is writing is never read.
    private const int RingSize = Capacity + 1;

    private readonly object _gate = new(); // opening and closing feeds only; never taken by the owner thread
    private readonly Action<bool> _recording;
    private readonly FrameCounters[] _ring = new FrameCounters[RingSize];
    private long _written;
    private int _feeds;
    private int _baselineStale = 1;
    // The lifecycle's Started total at the previous record (owner thread only).
    private long _startedBefore;

    /// <param name="recording">Told (under the feeds' lock) when recording must start (true) or may stop (false).</param>
    public FrameCounterLog(Action<bool> recording)
    {
        _recording = recording;
    }

    public FrameCounterFeed Open()
    {
        lock (_gate)
        {
            if (_feeds++ == 0)
            {
                Volatile.Write(ref _baselineStale, 1);
                _recording(true);
            }

            return new FrameCounterFeed(this, Volatile.Read(ref _written));
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            if (--_feeds == 0)
            {
                _recording(false);
            }
        }
    }

    /// <summary>Owner thread, end of an update. The first update after recording starts only sets the baseline:
    /// creations before it cannot be told apart from earlier ones.</summary>
    public void Record(long frame, long started, in UpdateResult result, int resources)
    {
        if (Interlocked.Exchange(ref _baselineStale, 0) == 0)
        {
            long index = _written; // only this thread writes it
            _ring[index % RingSize] = new FrameCounters(
                frame, (int)Math.Min(started - _startedBefore, int.MaxValue), result.Destroyed, result.Faulted, resources,
                result.Pending, result.Blocked, result.WaitingForGpu);
            Volatile.Write(ref _written, index + 1); // publishes the slot
        }

        _startedBefore = started;
    }

    /// <summary>Copies the frames published since <paramref name="cursor"/>, oldest first, and advances it. Frames
    /// overwritten before being read are counted in <paramref name="missed"/>.</summary>
    public int Read(ref long cursor, Span<FrameCounters> into, out long missed)
    {
        long end = Volatile.Read(ref _written);
        long start = Math.Max(cursor, end - Capacity);
        int count = (int)Math.Min(end - start, into.Length);
        for (int i = 0; i < count; i++)
        {
            into[i] = _ring[(start + i) % RingSize];
        }

        // The owner may have gone on writing during the copy: what it overwrote is dropped.
        long oldestIntact = Volatile.Read(ref _written) - Capacity;
        int skip = (int)Math.Clamp(oldestIntact - start, 0, count);
        if (skip > 0)
        {
            into[skip..count].CopyTo(into);
        }

        missed = start - cursor + skip;
        cursor = start + count;
        return count - skip;
    }
}
