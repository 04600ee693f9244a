using Engine.Resources.Ecs;

namespace Engine.Resources.Lifecycle;

/// <summary>
/// The lifecycle state machine, in one place. Transitions:
/// <code>
/// Alive ──request──▶ Pending ──(no children, GPU done, callback ok)──▶ destroyed
///                    Pending ──live children──▶ Blocked ──last child gone──▶ Pending
///                    Pending ──GPU in flight──▶ WaitingForGpu ──timeline reached──▶ Pending
///                    Pending ──callback threw──▶ Faulted ──retry──▶ Pending   (or abandon: forgotten)
/// </code>
/// It also keeps the number of resources in each state, so counts cost nothing to read.
/// </summary>
internal sealed class ResourceLifecycle
{
    private readonly World _world;
    private readonly ComponentPool<LifecycleRecord> _pool;
    private readonly int[] _counts = new int[5];

    // Rare: only faulted resources have an error text, so it lives here rather than in every record.
    private readonly Dictionary<int, string> _faults = new();

    public ResourceLifecycle(World world)
    {
        _world = world;
        _pool = world.Pool<LifecycleRecord>();
    }

    public int Count(ResourceState state) => _counts[(int)state];

    public ref LifecycleRecord Get(Entity entity) => ref _pool.Get(entity.Id);

    /// <summary>Starts the lifecycle of a just-created entity.</summary>
    public void Add(Entity entity)
    {
        _world.AddToNew(entity, _pool, new LifecycleRecord { State = ResourceState.Alive });
        _counts[(int)ResourceState.Alive]++;
    }

    /// <summary>Records a destruction request. Returns false when an equal or stronger one was already recorded.</summary>
    public bool Request(Entity entity, DestroyMode mode)
    {
        ref LifecycleRecord lc = ref _pool.Get(entity.Id);
        if (lc.Requested >= mode)
        {
            return false;
        }

        lc.Requested = mode;
        if (lc.State == ResourceState.Alive)
        {
            Move(ref lc, ResourceState.Pending);
        }

        return true;
    }

    public void Block(Entity entity) => Transition(entity, ResourceState.Pending, ResourceState.Blocked);

    public void AwaitGpu(Entity entity) => Transition(entity, ResourceState.Pending, ResourceState.WaitingForGpu);

    public void Unblock(Entity entity) => Transition(entity, ResourceState.Blocked, ResourceState.Pending);

    public void GpuDone(Entity entity) => Transition(entity, ResourceState.WaitingForGpu, ResourceState.Pending);

    public void Retry(Entity entity)
    {
        Transition(entity, ResourceState.Faulted, ResourceState.Pending);
        _faults.Remove(entity.Id);
    }

    public void Fault(Entity entity, string error)
    {
        Transition(entity, ResourceState.Pending, ResourceState.Faulted);
        _faults[entity.Id] = error;
    }

    /// <summary>The destroy callback's error of a faulted resource, else null.</summary>
    public string? FaultOf(Entity entity) =>
        _pool.Get(entity.Id).State == ResourceState.Faulted ? _faults.GetValueOrDefault(entity.Id) : null;

    /// <summary>The resource is about to leave the world (destroyed or abandoned).</summary>
    public void Forget(Entity entity)
    {
        ResourceState state = _pool.Get(entity.Id).State;
        _counts[(int)state]--;
        if (state == ResourceState.Faulted)
        {
            _faults.Remove(entity.Id);
        }
    }

    /// <summary>Teardown: whatever the state, the resource is pending now (GPU idle, faults retried once).</summary>
    public void ForcePending(Entity entity)
    {
        ref LifecycleRecord lc = ref _pool.Get(entity.Id);
        if (lc.Requested == 0)
        {
            lc.Requested = DestroyMode.Cascade;
        }

        _faults.Remove(entity.Id);
        Move(ref lc, ResourceState.Pending);
    }

    private void Transition(Entity entity, ResourceState from, ResourceState to)
    {
        ref LifecycleRecord lc = ref _pool.Get(entity.Id);
        if (lc.State != from)
        {
            throw new InvalidOperationException(
                $"Resource {entity} cannot go from {lc.State} to {to} (only from {from}); this is a registry bug.");
        }

        Move(ref lc, to);
    }

    private void Move(ref LifecycleRecord lc, ResourceState to)
    {
        _counts[(int)lc.State]--;
        _counts[(int)to]++;
        lc.State = to;
    }
}
