using Engine.Resources.Ecs;
using Engine.Resources.Lifecycle;
using Engine.Resources.Ownership;

namespace Engine.Resources.Destruction;

/// <summary>
/// The per-frame destruction pass. Work is a FIFO of resources to try; nothing else is visited, so an update with
/// nothing pending is O(1) and destroying k resources is O(k) whatever the number of live resources.
/// A resource is destroyed only when it has no live child and no GPU use in flight; destroying a child that was a
/// blocked parent's last one schedules the parent in the same pass, so whole subtrees go in one update, leaves first.
/// </summary>
internal sealed class DestructionSystem
{
    private readonly ResourceRegistry _registry;
    private readonly World _world;
    private readonly Hierarchy _hierarchy;
    private readonly ResourceLifecycle _lifecycle;
    private readonly ComponentPool<ResourceMeta> _meta;
    private readonly DestroyRequestQueue _requests;

    private Entity[] _work = new Entity[256];
    private int _workHead;
    private int _workCount;
    private Entity[] _waitingForGpu = new Entity[64];
    private int _waitingCount;
    private Entity[] _stack = new Entity[64];
    private ulong _completedGpuValue;
    private int _destroyedThisPass;
    private int _faultedThisPass;
    private bool _logDestroyed;

    public DestructionSystem(ResourceRegistry registry, DestroyRequestQueue requests)
    {
        _registry = registry;
        _world = registry.World;
        _hierarchy = registry.Hierarchy;
        _lifecycle = registry.Lifecycle;
        _meta = _world.Pool<ResourceMeta>();
        _requests = requests;
    }

    public ulong CompletedGpuValue => _completedGpuValue;

    /// <summary>One frame's pass: GPU completions, then queued requests, then everything that became ready.</summary>
    public UpdateResult Run(ulong completedGpuValue)
    {
        _logDestroyed = _registry.Log.DestroyedEnabled;
        _destroyedThisPass = 0;
        _faultedThisPass = 0;
        if (completedGpuValue > _completedGpuValue)
        {
            _completedGpuValue = completedGpuValue;
            if (_waitingCount > 0)
            {
                ReleaseCompletedGpuWaits();
            }
        }

        if (_requests.Count > 0)
        {
            foreach (var request in _requests.Drain())
            {
                Apply(request.Entity, request.Mode);
            }
        }

        ProcessWork();
        return new UpdateResult(
            _destroyedThisPass,
            _faultedThisPass,
            _lifecycle.Count(ResourceState.Blocked),
            _lifecycle.Count(ResourceState.WaitingForGpu),
            _lifecycle.Count(ResourceState.Pending));
    }

    /// <summary>Shutdown: the GPU is idle; every resource goes, children first, explicit-release ones included.</summary>
    public int Teardown()
    {
        _logDestroyed = _registry.Log.DestroyedEnabled;
        _destroyedThisPass = 0;
        _completedGpuValue = ulong.MaxValue;
        _waitingCount = 0;
        foreach (var request in _requests.Drain())
        {
            Apply(request.Entity, request.Mode);
        }

        // Collect the roots first: expanding changes lifecycle components while the pool would be iterated.
        var roots = new List<Entity>();
        var parents = _world.Pool<Parent>();
        foreach (int id in parents.GetIds())
        {
            if (parents.Get(id).Owner.IsNull)
            {
                roots.Add(_world.EntityAt(id));
            }
        }

        foreach (Entity root in roots)
        {
            ExpandSubtree(root, force: true);
        }

        ProcessWork();
        return _destroyedThisPass;
    }

    /// <summary>Schedules a resource to be tried in the next pass (e.g. a blocked parent whose last child moved away).</summary>
    public void Schedule(Entity entity) => Push(entity);

    /// <summary>After a child left <paramref name="parent"/>: a blocked parent with no child left becomes ready.</summary>
    public void OnChildGone(Entity parent)
    {
        if (!parent.IsNull && _lifecycle.Get(parent).State == ResourceState.Blocked && _hierarchy.ChildCount(parent) == 0)
        {
            _lifecycle.Unblock(parent);
            Push(parent);
        }
    }

    private void Apply(Entity entity, DestroyMode mode)
    {
        if (!_world.IsAlive(entity))
        {
            return; // destroyed since the request was made (e.g. by an ancestor's cascade): nothing to do
        }

        if (mode == DestroyMode.Cascade)
        {
            if (_lifecycle.Get(entity).Requested != DestroyMode.Cascade)
            {
                ExpandSubtree(entity, force: false);
            }
        }
        else if (_lifecycle.Request(entity, DestroyMode.Block))
        {
            Push(entity);
        }
    }

    /// <summary>
    /// Requests the whole subtree of <paramref name="root"/> and schedules it children-first: a pre-order walk,
    /// reversed, puts every node after all of its descendants. Explicit-release descendants (and what they own) are
    /// left to their own requests unless <paramref name="force"/> (shutdown).
    /// </summary>
    private void ExpandSubtree(Entity root, bool force)
    {
        int start = _workCount;
        int stackCount = 0;
        PushStack(ref stackCount, root);
        while (stackCount > 0)
        {
            Entity node = _stack[--stackCount];
            ref LifecycleRecord lc = ref _lifecycle.Get(node);
            if (force)
            {
                if (lc.State != ResourceState.Pending)
                {
                    _lifecycle.ForcePending(node);
                }
            }
            else
            {
                if (node != root && (_meta.Get(node.Id).Flags & ResourceFlags.ExplicitRelease) != 0)
                {
                    // Its owner releases it, in whatever mode the owner chooses; a cascade never enters it, so the
                    // outcome does not depend on the order of requests within a frame.
                    continue;
                }

                if (lc.Requested == DestroyMode.Cascade && node != root)
                {
                    continue; // an earlier cascade already covered this subtree
                }

                _lifecycle.Request(node, DestroyMode.Cascade);
            }

            Push(node);
            for (Entity child = _hierarchy.FirstChild(node); !child.IsNull; child = _hierarchy.NextSibling(child))
            {
                PushStack(ref stackCount, child);
            }
        }

        _work.AsSpan(start, _workCount - start).Reverse();
    }

    private void ProcessWork()
    {
        while (_workHead < _workCount)
        {
            TryDestroy(_work[_workHead++]);
        }

        _workHead = 0;
        _workCount = 0;
    }

    private void TryDestroy(Entity entity)
    {
        if (!_world.IsAlive(entity))
        {
            return; // scheduled twice and already gone
        }

        ref LifecycleRecord lc = ref _lifecycle.Get(entity);
        if (lc.State != ResourceState.Pending && lc.State != ResourceState.Blocked)
        {
            return; // alive, waiting for the GPU, or faulted: not for this pass
        }

        int children = _hierarchy.ChildCount(entity);
        if (children > 0)
        {
            if (lc.State == ResourceState.Pending)
            {
                _lifecycle.Block(entity);
                ref ResourceMeta blockedMeta = ref _meta.Get(entity.Id);
                _registry.Log.Blocked(_registry.KindOf(blockedMeta.TypeId).Name, _registry.Names[entity.Id], new ResourceHandle(entity), children, _registry.Frame);
            }

            return;
        }

        if (lc.State == ResourceState.Blocked)
        {
            _lifecycle.Unblock(entity);
        }

        if (lc.LastGpuUse > _completedGpuValue)
        {
            _lifecycle.AwaitGpu(entity);
            AddWaiting(entity);
            return;
        }

        ref ResourceMeta meta = ref _meta.Get(entity.Id);
        ResourceKind kind = _registry.KindOf(meta.TypeId);
        if (kind.Destroyer is { } destroyer && !InvokeDestroyer(entity, kind, destroyer))
        {
            return;
        }

        if (_logDestroyed)
        {
            _registry.Log.Destroyed(kind.Name, _registry.Names[entity.Id], new ResourceHandle(entity), _registry.Frame);
        }

        Entity parent = _registry.Remove(entity, kind);
        _destroyedThisPass++;
        OnChildGone(parent);
    }

    /// <summary>Runs the destroy callback; a throw faults the resource. Kept apart so that the exception handler
    /// does not weigh on the hot loop.</summary>
    private bool InvokeDestroyer(Entity entity, ResourceKind kind, Destroyer destroyer)
    {
        int contextId = kind.ContextTypeId < 0 ? -1 : _registry.FindContext(entity, kind.ContextTypeId).Id;
        try
        {
            destroyer.Destroy(entity.Id, contextId);
            return true;
        }
        catch (Exception error)
        {
            _lifecycle.Fault(entity, $"{error.GetType().Name}: {error.Message}");
            _faultedThisPass++;
            _registry.Log.Faulted(kind.Name, _registry.Names[entity.Id], new ResourceHandle(entity), _registry.Frame, error);
            return false;
        }
    }

    private void ReleaseCompletedGpuWaits()
    {
        int kept = 0;
        for (int i = 0; i < _waitingCount; i++)
        {
            Entity entity = _waitingForGpu[i];
            if (!_world.IsAlive(entity) || _lifecycle.Get(entity).State != ResourceState.WaitingForGpu)
            {
                continue; // left the waiting state some other way (shutdown)
            }

            if (_lifecycle.Get(entity).LastGpuUse <= _completedGpuValue)
            {
                _lifecycle.GpuDone(entity);
                Push(entity);
            }
            else
            {
                _waitingForGpu[kept++] = entity;
            }
        }

        _waitingCount = kept;
    }

    private void AddWaiting(Entity entity)
    {
        if (_waitingCount == _waitingForGpu.Length)
        {
            Array.Resize(ref _waitingForGpu, _waitingCount * 2);
        }

        _waitingForGpu[_waitingCount++] = entity;
    }

    private void Push(Entity entity)
    {
        if (_workCount == _work.Length)
        {
            Array.Resize(ref _work, _work.Length * 2); // the buffer is reset after each pass, so it only grows to the largest pass
        }

        _work[_workCount++] = entity;
    }

    private void PushStack(ref int count, Entity entity)
    {
        if (count == _stack.Length)
        {
            Array.Resize(ref _stack, count * 2);
        }

        _stack[count++] = entity;
    }
}
