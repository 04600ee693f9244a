using Engine.Resources.Ecs;

namespace Engine.Resources.Destruction;

/// <summary>
/// Destruction requests from any thread, applied by the owner thread at the next update. Two buffers swap under a
/// lock, so neither side allocates once the buffers have grown to the busiest frame's size. A per-slot table of the
/// requested (version, mode) answers "already pending" to a repeated request without touching the world.
/// </summary>
internal sealed class DestroyRequestQueue
{
    private readonly object _lock = new();
    private DestroyRequest[] _incoming = new DestroyRequest[64];
    private DestroyRequest[] _draining = new DestroyRequest[64];
    private int _count;
    private int[] _requestedVersion = new int[64];
    private DestroyMode[] _requestedMode = new DestroyMode[64];
    private int _everQueued;

    /// <summary>Requests waiting for the next update. A plain read: exact on the owner thread, a hint elsewhere.</summary>
    public int Count => Volatile.Read(ref _count);

    public DestroyRequestResult Enqueue(Entity entity, DestroyMode mode)
    {
        lock (_lock)
        {
            int id = entity.Id;
            if (id < _requestedVersion.Length && _requestedVersion[id] == entity.Version)
            {
                if (_requestedMode[id] >= mode)
                {
                    return DestroyRequestResult.AlreadyPending;
                }
            }
            else if (id >= _requestedVersion.Length)
            {
                GrowTable(id + 1);
            }

            _requestedMode[id] = mode;
            Volatile.Write(ref _requestedVersion[id], entity.Version);
            Volatile.Write(ref _everQueued, 1);
            if (_count == _incoming.Length)
            {
                Array.Resize(ref _incoming, _count * 2);
            }

            _incoming[_count++] = new DestroyRequest(entity, mode);
            return DestroyRequestResult.Queued;
        }
    }

    /// <summary>Whether another thread ever queued a request here.</summary>
    public bool AnyQueuedEver => Volatile.Read(ref _everQueued) != 0;

    /// <summary>
    /// Whether another thread queued a request for exactly this entity (it may already have been applied). Lock-free:
    /// the owner thread asks on every Create and SetParent. A request racing with the question is seen or not, either
    /// being a valid order; the table only ever gains entries for an (id, version), and a grown table is published
    /// after it was filled.
    /// </summary>
    public bool WasRequested(Entity entity)
    {
        if (Volatile.Read(ref _everQueued) == 0)
        {
            return false;
        }

        int[] versions = Volatile.Read(ref _requestedVersion);
        return (uint)entity.Id < (uint)versions.Length && Volatile.Read(ref versions[entity.Id]) == entity.Version;
    }

    /// <summary>The strongest mode another thread asked for this exact entity (0 when none), like <see cref="WasRequested"/>.</summary>
    public DestroyMode QueuedMode(Entity entity)
    {
        if (!WasRequested(entity))
        {
            return 0;
        }

        lock (_lock)
        {
            return entity.Id < _requestedVersion.Length && _requestedVersion[entity.Id] == entity.Version ? _requestedMode[entity.Id] : 0;
        }
    }

    /// <summary>Takes every queued request; the span is valid until the next call to Drain.</summary>
    public ReadOnlySpan<DestroyRequest> Drain()
    {
        lock (_lock)
        {
            (_incoming, _draining) = (_draining, _incoming);
            if (_incoming.Length < _draining.Length)
            {
                // Keep both buffers as large as the largest burst so the next swap does not need to grow.
                _incoming = new DestroyRequest[_draining.Length];
            }

            int count = _count;
            _count = 0;
            return _draining.AsSpan(0, count);
        }
    }

    /// <summary>Grows the per-slot table ahead of time so that requests for ids below <paramref name="maxId"/> do not allocate.</summary>
    public void Reserve(int maxId)
    {
        lock (_lock)
        {
            // Only once other threads make requests: a registry whose requests all come from its owner needs no table.
            if (_everQueued != 0 && maxId > _requestedVersion.Length)
            {
                GrowTable(maxId);
            }
        }
    }

    private void GrowTable(int minLength)
    {
        int length = Math.Max(minLength, _requestedVersion.Length * 2);
        var versions = _requestedVersion;
        Array.Resize(ref versions, length);
        Array.Resize(ref _requestedMode, length);
        Volatile.Write(ref _requestedVersion, versions); // published filled: a lock-free reader never sees a torn table
    }
}

internal readonly record struct DestroyRequest(Entity Entity, DestroyMode Mode);
