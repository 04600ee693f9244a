using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>
/// The shared state between threads that begin creations and the owner thread that joins them. Everything here is
/// under one lock, taken only by registries that ever had such a creation: a registry whose resources are all
/// created by its owner pays one volatile read per destruction attempt.
/// <para>
/// The guarantee "a held parent is never destroyed" needs mutual exclusion between a thread holding a parent and the
/// owner destroying it: the owner closes each resource under the lock just before its destroy callback
/// (<see cref="TryClose"/>), and a begin refuses closed or dead parents under the same lock. The very first begin
/// waits for a pass that started before it (that pass does not close under the lock).
/// </para>
/// </summary>
internal sealed class CrossThreadCreations
{
    private const int ReservoirTarget = 32;

    private readonly object _lock = new();
    private readonly Dictionary<int, int> _holds = new(); // parent id → creations begun under it and not joined
    private readonly HashSet<int> _closed = new();        // ids whose destruction started in the running pass
    private readonly Stack<Entity> _reservoir = new();    // free slots set aside by the owner for begins
    private readonly HashSet<int> _pending = new();       // ids begun and not joined or released
    private List<ResourceCreation> _ended = new();
    private List<ResourceCreation> _joining = new();
    private int _used;
    private int _passRunning;
    private volatile bool _passLocks;
    private bool _closedForGood;
    private bool _abandoned;
    private int _inFlight;

    /// <summary>Whether any thread ever began a creation here.</summary>
    public bool Used => Volatile.Read(ref _used) != 0;

    /// <summary>
    /// Reserves an entity under <paramref name="parent"/> (null: a root), holding the parent. Throws
    /// <see cref="ObjectDisposedException"/> after shutdown and a <see cref="ResourceHierarchyException"/> for a parent
    /// that is dead or whose destruction has started.
    /// </summary>
    public Entity Begin(World world, Entity parent)
    {
        // A pass that started before any begin was seen does not take the lock: let it finish. The owner publishes
        // "pass running" before it reads "used", and a begin publishes "used" before it reads "pass running", so at
        // least one side sees the other (both are full fences).
        Interlocked.Exchange(ref _used, 1);
        var spin = default(SpinWait);
        while (Volatile.Read(ref _passRunning) != 0 && !_passLocks)
        {
            spin.SpinOnce();
        }

        lock (_lock)
        {
            if (_closedForGood)
            {
                throw new ObjectDisposedException(nameof(ResourceRegistry), "BeginCreate: the resource registry was shut down; nothing can be created in it.");
            }

            if (!parent.IsNull && (!world.IsAlive(parent) || _closed.Contains(parent.Id)))
            {
                throw new ResourceHierarchyException(
                    $"BeginCreate: cannot begin a creation under resource #{parent.Id}v{parent.Version}: it is destroyed or being destroyed.");
            }

            Entity entity = _reservoir.Count > 0 ? _reservoir.Pop() : world.TakeFreshIdConcurrent();
            if (!parent.IsNull)
            {
                _holds[parent.Id] = _holds.GetValueOrDefault(parent.Id) + 1;
            }

            _pending.Add(entity.Id);
            _inFlight++;
            return entity;
        }
    }

    /// <summary>A creation completed or was cancelled (any thread): it joins, or gives its slot back, at the next update.</summary>
    public void Ended(ResourceCreation creation, string member)
    {
        lock (_lock)
        {
            if (_abandoned)
            {
                throw new ObjectDisposedException(nameof(ResourceRegistry),
                    $"{member}: the resource registry was shut down before this creation ended (Shutdown waits for creations in progress only so long): the registry did not take the object; destroy it yourself.");
            }

            _ended.Add(creation);
            _inFlight--;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Owner thread: the creations that ended since the last call; the list is valid until the next call.</summary>
    public List<ResourceCreation> TakeEnded(World world)
    {
        lock (_lock)
        {
            (_ended, _joining) = (_joining, _ended);
            _ended.Clear();
            Span<Entity> free = stackalloc Entity[ReservoirTarget];
            int taken = world.TakeFreeIds(free[..Math.Max(0, ReservoirTarget - _reservoir.Count)]);
            for (int i = 0; i < taken; i++)
            {
                _reservoir.Push(free[i]);
            }

            return _joining;
        }
    }

    /// <summary>Owner thread, at the join: the creation's hold on its parent ends (it became a child, or was cancelled).</summary>
    public void Release(ResourceCreation creation)
    {
        lock (_lock)
        {
            _pending.Remove(creation.Entity.Id);
            if (!creation.Parent.IsNull)
            {
                int left = _holds[creation.Parent.Id] - 1;
                if (left == 0)
                {
                    _holds.Remove(creation.Parent.Id);
                }
                else
                {
                    _holds[creation.Parent.Id] = left;
                }
            }
        }
    }

    /// <summary>Owner thread: how many creations hold <paramref name="entity"/> as their parent.</summary>
    public int HoldsOn(Entity entity)
    {
        lock (_lock)
        {
            return _holds.GetValueOrDefault(entity.Id);
        }
    }

    /// <summary>Whether <paramref name="entity"/> was begun on some thread and has not joined yet.</summary>
    public bool IsPending(Entity entity)
    {
        lock (_lock)
        {
            return _pending.Contains(entity.Id);
        }
    }

    /// <summary>
    /// Owner thread, in a pass, just before destroying <paramref name="entity"/>: false when a creation holds it (it
    /// must wait); otherwise no creation can begin under it any more.
    /// </summary>
    public bool TryClose(Entity entity)
    {
        if (!_passLocks)
        {
            return true;
        }

        lock (_lock)
        {
            if (_holds.ContainsKey(entity.Id))
            {
                return false;
            }

            _closed.Add(entity.Id);
            return true;
        }
    }

    public void OnPassStart()
    {
        Interlocked.Exchange(ref _passRunning, 1);
        _passLocks = Volatile.Read(ref _used) != 0; // once true, true for good: "used" never goes back
    }

    public void OnPassEnd()
    {
        if (_passLocks)
        {
            lock (_lock)
            {
                // Closed resources are dead now (or faulted, which reads as not Alive at the join).
                _closed.Clear();
            }
        }

        Volatile.Write(ref _passRunning, 0);
    }

    /// <summary>Shutdown, after the last join: creations that never ended will never join; their parents are free.</summary>
    public void DropAbandonedHolds()
    {
        lock (_lock)
        {
            _holds.Clear();
            _pending.Clear();
        }
    }

    /// <summary>
    /// Shutdown: refuses new begins and waits until every begun creation completed or was cancelled, at most
    /// <paramref name="patience"/> (a loader thread that died without cancelling must not hang the shutdown). Returns
    /// how many creations did not end in time: their objects were never handed over, and ending them later throws.
    /// </summary>
    public int CloseForGood(TimeSpan patience)
    {
        lock (_lock)
        {
            _closedForGood = true;
            long deadline = Environment.TickCount64 + (long)patience.TotalMilliseconds;
            while (_inFlight > 0)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_lock, TimeSpan.FromMilliseconds(left)) && Environment.TickCount64 >= deadline)
                {
                    break;
                }
            }

            _abandoned = _inFlight > 0;
            return _inFlight;
        }
    }
}
