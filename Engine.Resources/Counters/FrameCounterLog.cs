namespace Engine.Resources.Counters;

/// <summary>
/// The registry's per-frame counters: a ring of the last <see cref="Capacity"/> frames, written by the owner thread
/// while at least one feed is open and read by the feeds from any thread. Allocated once, on the first feed, and
/// reused: memory stays bounded however long a client stays attached or however slowly it reads.
/// </summary>
internal sealed class FrameCounterLog
{
    public const int Capacity = 1024;

    private readonly object _gate = new();
    private readonly Action<bool> _recording;
    private FrameCounters[]? _ring;
    private long _written;
    private int _feeds;
    // The lifecycle's Started total at the previous record; -1 until an update after the first feed sets it.
    private long _startedBefore = -1;

    /// <param name="recording">Told (under the log's lock) when recording must start (true) or may stop (false).</param>
    public FrameCounterLog(Action<bool> recording)
    {
        _recording = recording;
    }

    public FrameCounterFeed Open()
    {
        lock (_gate)
        {
            _ring ??= new FrameCounters[Capacity];
            if (_feeds++ == 0)
            {
                _startedBefore = -1;
                _recording(true);
            }

            return new FrameCounterFeed(this, _written);
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
        lock (_gate)
        {
            if (_feeds == 0 || _ring is null)
            {
                return;
            }

            if (_startedBefore >= 0)
            {
                _ring[_written % Capacity] = new FrameCounters(
                    frame, (int)Math.Min(started - _startedBefore, int.MaxValue), result.Destroyed, result.Faulted, resources,
                    result.Pending, result.Blocked, result.WaitingForGpu);
                _written++;
            }

            _startedBefore = started;
        }
    }

    /// <summary>Copies the frames recorded since <paramref name="cursor"/>, oldest first, and advances it. Frames
    /// that fell out of the ring before being read are counted in <paramref name="missed"/>.</summary>
    public int Read(ref long cursor, Span<FrameCounters> into, out long missed)
    {
        lock (_gate)
        {
            missed = 0;
            if (_written - cursor > Capacity)
            {
                missed = _written - Capacity - cursor;
                cursor = _written - Capacity;
            }

            int count = (int)Math.Min(_written - cursor, into.Length);
            for (int i = 0; i < count; i++)
            {
                into[i] = _ring![(cursor + i) % Capacity];
            }

            cursor += count;
            return count;
        }
    }
}
