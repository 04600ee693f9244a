using System.Threading.Channels;
using Engine.Resources;
using Engine.Resources.Counters;

namespace Engine.Inspector.Live;

/// <summary>
/// Keeps the registry's frame counter feed open only while a client is attached (a stream open, or a summary asked
/// for in the last <see cref="AttachedFor"/>), so a detached engine pays one check per frame. Every tick it moves what
/// the feed recorded into a window of the last <see cref="WindowFrames"/> frames (for summaries) and hands it to each
/// stream; a stream that falls behind loses its oldest batches, never the engine's memory.
/// </summary>
internal sealed class FrameCounterPump : IDisposable
{
    public const int WindowFrames = 600;
    public const int MaxStreams = 1024;
    public static readonly TimeSpan AttachedFor = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly ResourceRegistry _registry;
    private readonly object _gate = new();
    private readonly Queue<FrameCounters> _window = new();
    private readonly List<Channel<FrameCounters[]>> _streams = new();
    private readonly FrameCounters[] _buffer = new FrameCounters[FrameCounterFeed.Capacity];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private FrameCounterFeed? _feed;
    private long _lastSummaryTicks = long.MinValue / 2; // "long ago", without overflowing the subtraction
    private long _missed;

    public FrameCounterPump(ResourceRegistry registry)
    {
        _registry = registry;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Frames the pump could not read in time (the engine ran more than 1,024 frames between two ticks).</summary>
    public long Missed => Interlocked.Read(ref _missed);

    /// <summary>A summary was asked for: keep recording for the next <see cref="AttachedFor"/>.</summary>
    public void Touch()
    {
        lock (_gate)
        {
            _lastSummaryTicks = Environment.TickCount64;
            EnsureFeed();
        }
    }

    /// <summary>The frames recorded so far (oldest first).</summary>
    public FrameCounters[] Window()
    {
        lock (_gate)
        {
            Pump();
            return [.. _window];
        }
    }

    /// <summary>A new stream of batches of frames; null when <see cref="MaxStreams"/> are open.</summary>
    public ChannelReader<FrameCounters[]>? OpenStream()
    {
        lock (_gate)
        {
            if (_streams.Count >= MaxStreams)
            {
                return null;
            }

            var channel = Channel.CreateBounded<FrameCounters[]>(new BoundedChannelOptions(32) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
            _streams.Add(channel);
            EnsureFeed();
            return channel.Reader;
        }
    }

    public void CloseStream(ChannelReader<FrameCounters[]> reader)
    {
        lock (_gate)
        {
            _streams.RemoveAll(c => c.Reader == reader);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled while waiting for its tick.
        }

        lock (_gate)
        {
            foreach (Channel<FrameCounters[]> stream in _streams)
            {
                stream.Writer.TryComplete();
            }

            _streams.Clear();
            _feed?.Dispose();
            _feed = null;
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            lock (_gate)
            {
                Pump();
                bool attached = _streams.Count > 0 || Environment.TickCount64 - _lastSummaryTicks < AttachedFor.TotalMilliseconds;
                if (!attached && _feed is not null)
                {
                    // Detached: the engine goes back to paying one check per frame.
                    _feed.Dispose();
                    _feed = null;
                    _window.Clear();
                }
            }
        }
    }

    private void EnsureFeed()
    {
        if (_feed is null && !_registry.IsDisposed)
        {
            try
            {
                _feed = _registry.OpenFrameCounterFeed();
            }
            catch (ObjectDisposedException)
            {
                // Shut down between the check and the call: no frames any more.
            }
        }
    }

    /// <summary>Under the lock: moves what the feed recorded into the window and the streams.</summary>
    private void Pump()
    {
        if (_feed is null)
        {
            return;
        }

        int count = _feed.Read(_buffer);
        Interlocked.Exchange(ref _missed, _feed.Missed);
        if (count == 0)
        {
            return;
        }

        FrameCounters[] batch = _buffer.AsSpan(0, count).ToArray();
        foreach (FrameCounters frame in batch)
        {
            _window.Enqueue(frame);
        }

        while (_window.Count > WindowFrames)
        {
            _window.Dequeue();
        }

        foreach (Channel<FrameCounters[]> stream in _streams)
        {
            stream.Writer.TryWrite(batch);
        }
    }
}
