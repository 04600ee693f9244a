using Engine.Analysis;
using Engine.Inspector.Http;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Inspector.Live;

/// <summary>
/// The captures the inspector answers from. A capture is copied on the owner thread at the next update, encoded on a
/// worker, and then serves every request for the next <see cref="ReuseFor"/> its cost: at least 100 ms (fifty clients
/// polling cost the engine ten captures a second, not one per frame), and 50 times what the last capture took (copy and
/// encoding), so captures never take more than 2% of the machine's time however large the forest; and each capture
/// is read, analysed and its summary turned into JSON once, whatever the number of requests it serves (forest pages
/// are built per request from the one index: each at most 500 records) (the frame's time is what the inspector must not take; the garbage it would make is part of
/// that). Summaries also feed the growth history: one sample per capture, at most one per
/// <see cref="SampleSpacing"/>, so many clients do not make a group look like it grows faster.
/// </summary>
internal sealed class CaptureCache(ResourceRegistry registry, FrameCounterPump frames, TimeSpan captureTimeout, CancellationToken stop)
{
    public static readonly TimeSpan MinimumReuse = TimeSpan.FromMilliseconds(100);

    /// <summary>The most of the owner thread's time captures may take.</summary>
    public const double MaxOwnerShare = 0.02;

    /// <summary>How long a capture that cost <paramref name="captureCost"/> on the owner thread serves requests.</summary>
    public static TimeSpan ReuseFor(TimeSpan captureCost) =>
        TimeSpan.FromTicks(Math.Max(MinimumReuse.Ticks, (long)(captureCost.Ticks / MaxOwnerShare)));
    public static readonly TimeSpan SampleSpacing = TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private readonly GrowthHistory<LeakGroupKey> _growth = new();
    private Capture? _latest;
    // The owner-thread cost of the last captures (the very first left out: it pays for compiling the writer); the
    // cheapest of them sets the reuse, so one slow capture (a busy machine) does not freeze the answers for long.
    private readonly Queue<TimeSpan> _costs = new();
    private int _captures;
    private long _reuseTicks = MinimumReuse.Ticks;
    private long _lastSampleFrame = -1;
    private long _lastSampleTicks = long.MinValue / 2;

    /// <summary>A capture recent enough for its cost (<see cref="ReuseFor"/>), or a new one (at the engine's next update).</summary>
    public async Task<Capture> CurrentAsync()
    {
        Capture? latest = Volatile.Read(ref _latest);
        if (latest is not null && Environment.TickCount64 - latest.TakenAt < TimeSpan.FromTicks(Volatile.Read(ref _reuseTicks)).TotalMilliseconds)
        {
            return latest;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(captureTimeout);
        byte[] bytes;
        try
        {
            bytes = await registry.CaptureSnapshotAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw new TimeoutException();
        }

        lock (_gate)
        {
            // Requests waiting for the same update got the same bytes: one Capture for all of them.
            if (_latest is null || !ReferenceEquals(_latest.Bytes, bytes))
            {
                _latest = new Capture(bytes, Environment.TickCount64);
                if (_captures++ > 0)
                {
                    // The owner's copy and the worker's encoding: both are the engine machine's time.
                    _costs.Enqueue(registry.LastCaptureDuration + registry.LastCaptureEncodeDuration);
                    if (_costs.Count > 3)
                    {
                        _costs.Dequeue();
                    }

                    Volatile.Write(ref _reuseTicks, ReuseFor(_costs.Min()).Ticks);
                }
            }

            return _latest;
        }
    }

    /// <summary>The summary of <paramref name="capture"/>, built once (with the frame window and growth as they are then).</summary>
    public byte[] Summary(Capture capture)
    {
        frames.Touch();
        lock (_gate)
        {
            if (capture.SummaryJson is { } built)
            {
                return built;
            }

            long frame = capture.Index.Snapshot.Header.Frame;
            if (frame > _lastSampleFrame && Environment.TickCount64 - _lastSampleTicks >= SampleSpacing.TotalMilliseconds)
            {
                _growth.Add(frame, LeakAnalysis.GroupCounts(capture.Index));
                _lastSampleFrame = frame;
                _lastSampleTicks = Environment.TickCount64;
            }

            capture.SummaryJson = Responses.JsonObject(writer => ForestSummary.Write(writer, capture.Index, capture.Blocked, frames.Window(), frames.Missed, _growth));
            return capture.SummaryJson;
        }
    }

    /// <summary>One page of the forest of <paramref name="capture"/> as JSON, built for this request (pages are small
    /// and many: caching them would keep memory for answers nobody asks twice); null when the request's parent is not
    /// in the capture.</summary>
    public static byte[]? Forest(Capture capture, ForestRequest request)
    {
        SnapshotIndex index = capture.Index;
        if (request.Query is { } query)
        {
            return Responses.JsonObject(writer => ForestJson.WriteSearch(writer, index, query, request.From));
        }

        int parent = -1;
        if (request.Parent is { } handle && !index.ByHandle.TryGetValue(handle, out parent))
        {
            return null;
        }

        return Responses.JsonObject(writer => ForestJson.WriteChildren(writer, index, parent, request.From));
    }
}

/// <summary>One capture's bytes and what was made of them (each at most once).</summary>
internal sealed class Capture(byte[] bytes, long takenAt)
{
    private readonly Lazy<(SnapshotIndex Index, BlockerAnalysis Blocked)> _analysis = new(() =>
    {
        var index = new SnapshotIndex(SnapshotReader.Read(bytes, "live capture"));
        return (index, new BlockerAnalysis(index));
    });

    public byte[] Bytes { get; } = bytes;

    public long TakenAt { get; } = takenAt;

    public SnapshotIndex Index => _analysis.Value.Index;

    public BlockerAnalysis Blocked => _analysis.Value.Blocked;

    public byte[]? SummaryJson { get; set; }
}
