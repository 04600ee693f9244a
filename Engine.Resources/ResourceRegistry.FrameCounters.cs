using Engine.Resources.Counters;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    private FrameCounterLog? _frameCounterLog;

    private const int OwnerWorkFrameCounters = 4;

    /// <summary>
    /// From any thread (an inspection endpoint, a profiler overlay): opens a feed of per-frame counters (created,
    /// destroyed, faulted, resources, pending, blocked, waiting for the GPU), recorded on the owner thread at the end
    /// of every update while a feed is open. With no feed open an update pays one check (the same as for captures).
    /// Fails with <see cref="ObjectDisposedException"/> once the registry was shut down.
    /// </summary>
    public FrameCounterFeed OpenFrameCounterFeed()
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(nameof(ResourceRegistry), $"{nameof(OpenFrameCounterFeed)}: the resource registry was shut down; it records no more frames.");
        }

        FrameCounterLog log = LazyInitializer.EnsureInitialized(ref _frameCounterLog, () => new FrameCounterLog(recording =>
        {
            if (recording)
            {
                Interlocked.Or(ref _ownerWork, OwnerWorkFrameCounters);
            }
            else
            {
                Interlocked.And(ref _ownerWork, ~OwnerWorkFrameCounters);
            }
        }));
        return log.Open();
    }

    /// <summary>True while a feed is open: updates record their counters (for tests of who keeps it open).</summary>
    internal bool RecordsFrameCounters => (Volatile.Read(ref _ownerWork) & OwnerWorkFrameCounters) != 0;

    /// <summary>Owner thread, after an update's pass, while a feed is open.</summary>
    private void RecordFrameCounters(long frame, in UpdateResult result) =>
        _frameCounterLog?.Record(frame, Lifecycle.Started, result, World.AliveCount);
}
