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

    public ResourceLifecycle(World world)
    {
        _world = world;
        _pool = world.Pool<LifecycleRecord>();
    }

    public int Count(ResourceState state) => _counts[(int)state];

    public ref LifecycleRecord Get(Entity entity) => ref _pool.Get(entity.Id);

    public void Add(Entity entity)
    {
        _world.Add(entity, new LifecycleRecord { State = ResourceState.Alive });
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

    public void Retry(Entity entity) => Transition(entity, ResourceState.Faulted, ResourceState.Pending);

    public void Fault(Entity entity, string error)
    {
        Transition(entity, ResourceState.Pending, ResourceState.Faulted);
        _pool.Get(entity.Id).Fault = error;
    }

    /// <summary>The resource is about to leave the world (destroyed or abandoned).</summary>
    public void Forget(Entity entity) => _counts[(int)_pool.Get(entity.Id).State]--;

    /// <summary>Teardown: whatever the state, the resource is pending now (GPU idle, faults retried once).</summary>
    public void ForcePending(Entity entity)
    {
        ref LifecycleRecord lc = ref _pool.Get(entity.Id);
        if (lc.Requested == 0)
        {
            lc.Requested = DestroyMode.Cascade;
        }

        lc.Fault = null;
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
        if (to != ResourceState.Faulted)
        {
            lc.Fault = null;
        }
    }
}
