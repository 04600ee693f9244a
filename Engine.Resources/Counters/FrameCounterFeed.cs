namespace Engine.Resources.Counters;

/// <summary>
/// A reader of the registry's per-frame counters (<see cref="ResourceRegistry.OpenFrameCounterFeed"/>), usable from
/// any thread. While at least one feed is open every update records its <see cref="FrameCounters"/> (no allocation);
/// with none open an update pays nothing for them. Read one feed from one thread at a time. The registry keeps the last <see cref="Capacity"/> frames: a reader that falls
/// further behind loses the oldest ones and sees them counted in <see cref="Missed"/>. Dispose it to stop recording.
/// </summary>
public sealed class FrameCounterFeed : IDisposable
{
    /// <summary>How many of the last frames the registry keeps for its feeds.</summary>
    public const int Capacity = 1024;

    private readonly FrameCounterLog _log;
    private long _cursor;
    private int _disposed;

    internal FrameCounterFeed(FrameCounterLog log, long cursor)
    {
        _log = log;
        _cursor = cursor;
    }

    /// <summary>Frames recorded but dropped before this feed read them (it fell more than 1,024 frames behind).</summary>
    public long Missed { get; private set; }

    /// <summary>
    /// Copies the frames recorded since the last read (at most <paramref name="into"/>'s length), oldest first, and
    /// returns how many; the rest stays for the next read. Frames are recorded from the second update after the
    /// first feed opened (the first one sets the baseline for <see cref="FrameCounters.Created"/>).
    /// </summary>
    public int Read(Span<FrameCounters> into)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int count = _log.Read(ref _cursor, into, out long missed);
        Missed += missed;
        return count;
    }

    /// <summary>Closes the feed; the last feed closed stops the recording.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _log.Close();
        }
    }
}
