using Engine.Resources.Ecs;
using Engine.Resources.Identity;
using Engine.Resources.Lifecycle;
using Engine.Resources.Logging;
using Engine.Resources.Ownership;

namespace Engine.Resources.Destruction;

/// <summary>
/// The per-frame destruction pass. Work is a FIFO of resources to try; nothing else is visited, so an update with
/// nothing pending is O(1) and destroying k resources is O(k) whatever the number of live resources.
/// A resource is destroyed only when it has no live child and no GPU use in flight; destroying a child that was a
/// blocked parent's last one schedules the parent in the same pass, so whole subtrees go in one update, leaves first.
/// <para>
/// One-way: it is built from the pieces it needs (world, hierarchy, lifecycle, identity, log, request queue) and never
/// calls back into the registry. Requests made on the owner thread are recorded in the lifecycle at once and wait in
/// <see cref="_next"/>; requests made inside a destroy callback land there too, so they take effect at the next
/// update, never in the pass that runs the callback. <see cref="Retire"/> is the one exit of a resource from the world.
/// </para>
/// </summary>
internal sealed class DestructionSystem
{
    private readonly World _world;
    private readonly Hierarchy _hierarchy;
    private readonly ResourceLifecycle _lifecycle;
    private readonly ResourceIdentity _identity;
    private readonly RegistryLog _log;
    private readonly DestroyRequestQueue _requests;
    private readonly Dependencies _dependencies;
    private readonly CrossThreadCreations _creations;

    private WorkList _work = new();  // this pass
    private WorkList _next = new();  // the next pass: requests and retries made since (or during) the last pass
    private Entity[] _waitingForGpu = new Entity[64];
    private int _waitingCount;
    private ulong _completedGpuValue;
    private long _frame;
    private int _destroyedThisPass;
    private int _faultedThisPass;
    private bool _logDestroyed;

    public DestructionSystem(World world, Hierarchy hierarchy, Dependencies dependencies, ResourceLifecycle lifecycle, ResourceIdentity identity, RegistryLog log, DestroyRequestQueue requests, CrossThreadCreations creations)
    {
        _creations = creations;
        _dependencies = dependencies;
        _world = world;
        _hierarchy = hierarchy;
        _lifecycle = lifecycle;
        _identity = identity;
        _log = log;
        _requests = requests;
    }

    public ulong CompletedGpuValue => _completedGpuValue;

    /// <summary>True while a pass (an update or the teardown) runs, callbacks included.</summary>
    public bool InPass { get; private set; }

    /// <summary>The resource whose destroy callback is running, or <see cref="Entity.Null"/>.</summary>
    public Entity RunningCallback { get; private set; }

    /// <summary>
    /// Records a request made on the owner thread. Block marks the resource; Cascade marks its subtree now (what is
    /// created or moved under it later is rejected, since its parent is no longer alive). Either way the resources
    /// are tried at the next pass. Returns false when an equal or stronger request was already recorded.
    /// </summary>
    public bool Request(Entity entity, DestroyMode mode) => Apply(entity, mode, _next);

    /// <summary>One frame's pass: GPU completions, other threads' requests, then everything that became ready.</summary>
    public UpdateResult Run(long frame, ulong completedGpuValue)
    {
        if (_next.Count == 0 && _requests.Count == 0 && (_waitingCount == 0 || completedGpuValue <= _completedGpuValue))
        {
            // Nothing scheduled, queued or newly completed: an idle frame costs these few compares, whatever the size.
            _completedGpuValue = Math.Max(_completedGpuValue, completedGpuValue);
            _frame = frame;
            return new UpdateResult(0, 0, _lifecycle.Count(ResourceState.Blocked), _lifecycle.Count(ResourceState.WaitingForGpu), _lifecycle.Count(ResourceState.Pending));
        }

        BeginPass(frame);
        try
        {
            if (completedGpuValue > _completedGpuValue)
            {
                _completedGpuValue = completedGpuValue;
                if (_waitingCount > 0)
                {
                    ReleaseCompletedGpuWaits();
                }
            }

            DrainRequests();
            ProcessWork();
        }
        finally
        {
            EndPass();
        }

        return new UpdateResult(
            _destroyedThisPass,
            _faultedThisPass,
            _lifecycle.Count(ResourceState.Blocked),
            _lifecycle.Count(ResourceState.WaitingForGpu),
            _lifecycle.Count(ResourceState.Pending));
    }

    /// <summary>Shutdown: the GPU is idle; every resource goes, children first, explicit-release ones included.</summary>
    public int Teardown(long frame)
    {
        BeginPass(frame);
        try
        {
            _completedGpuValue = ulong.MaxValue;
            _waitingCount = 0;
            DrainRequests();

            // Collect the roots first: expanding changes lifecycle components while the pool would be iterated.
            var roots = new List<Entity>();
            foreach (int id in _world.Pool<ResourceRecord>().GetIds())
            {
                Entity entity = _world.EntityAt(id);
                if (_hierarchy.ParentOf(entity).IsNull)
                {
                    roots.Add(entity);
                }
            }

            foreach (Entity root in roots)
            {
                ExpandSubtree(root, force: true, _work);
            }

            ProcessWork();
            _next.Clear(); // requests made by callbacks during the teardown: everything was taken anyway
        }
        finally
        {
            EndPass();
        }

        return _destroyedThisPass;
    }

    /// <summary>A faulted resource is tried again at the next pass.</summary>
    public void Retry(Entity entity)
    {
        _lifecycle.Retry(entity);
        _next.Add(entity);
    }

    /// <summary>A faulted resource leaves without its callback; its parent may then be destroyed.</summary>
    public void Abandon(Entity entity, long frame)
    {
        ResourceKind kind = _identity.KindOf(entity);
        _log.Abandoned(kind.Name, _identity.NameOf(entity), _identity.Handle(entity), frame);
        Retire(entity, kind);
    }

    /// <summary>After a child moved away from <paramref name="parent"/>: a blocked parent left childless is tried at the next pass.</summary>
    public void OnChildMoved(Entity parent)
    {
        if (!parent.IsNull && _lifecycle.OnChildGone(parent, _hierarchy.ChildCount(parent)))
        {
            _next.Add(parent);
        }
    }

    /// <summary>A dependency edge to <paramref name="dependency"/> was removed: a blocked dependency left with no
    /// holder is tried at the next pass.</summary>
    public void OnDependentRemoved(Entity dependency)
    {
        if (_lifecycle.OnDependentGone(dependency, _hierarchy.ChildCount(dependency)))
        {
            _next.Add(dependency);
        }
    }

    private void BeginPass(long frame)
    {
        InPass = true;
        _creations.OnPassStart();
        _frame = frame;
        _logDestroyed = _log.DestroyedEnabled;
        _destroyedThisPass = 0;
        _faultedThisPass = 0;
        (_work, _next) = (_next, _work); // both empty but for what was scheduled for this pass
    }

    private void EndPass()
    {
        _work.Clear();
        RunningCallback = Entity.Null;
        _creations.OnPassEnd();
        InPass = false;
    }

    private void DrainRequests()
    {
        if (_requests.Count > 0)
        {
            foreach (var request in _requests.Drain())
            {
                if (_world.IsAlive(request.Entity))
                {
                    Apply(request.Entity, request.Mode, _work);
                }
            }
        }
    }

    private bool Apply(Entity entity, DestroyMode mode, WorkList target)
    {
        if (mode == DestroyMode.Cascade)
        {
            if (_lifecycle.Get(entity).Requested == DestroyMode.Cascade)
            {
                return false;
            }

            ExpandSubtree(entity, force: false, target);
            return true;
        }

        if (!_lifecycle.Request(entity, DestroyMode.Block))
        {
            return false;
        }

        target.Add(entity);
        return true;
    }

    /// <summary>
    /// Requests the whole subtree of <paramref name="root"/> and schedules it children-first: a pre-order walk,
    /// reversed, puts every node after all of its descendants.
    /// </summary>
    private void ExpandSubtree(Entity root, bool force, WorkList target)
    {
        int start = target.Count;
        var expansion = new CascadeExpansion(root, force, _lifecycle, _identity, target);
        _hierarchy.Walk(root, ref expansion);
        target.ReverseFrom(start);
    }

    private void ProcessWork()
    {
        for (int i = 0; i < _work.Count; i++)
        {
            TryDestroy(_work[i]);
        }

        _work.Clear();
    }

    private void TryDestroy(Entity entity)
    {
        if (!_world.IsAlive(entity))
        {
            return; // scheduled twice and already gone
        }

        int children = _hierarchy.ChildCount(entity);
        if (_creations.Used)
        {
            children += _creations.HoldsOn(entity); // creations begun on other threads hold their parent like children
        }

        switch (_lifecycle.TryStartDestroy(entity, children, _completedGpuValue))
        {
            case DestroyStep.NotScheduled:
                return;
            case DestroyStep.Blocked:
                _log.Blocked(_identity.KindOf(entity).Name, _identity.NameOf(entity), _identity.Handle(entity), children, _frame);
                return;
            case DestroyStep.WaitingForGpu:
                AddWaiting(entity);
                return;
        }

        if (!_creations.TryClose(entity))
        {
            _next.Add(entity); // a creation on another thread began under it a moment ago: it waits for that one
            return;
        }

        ResourceKind kind = _identity.KindOf(entity);
        if (kind.Destroyer is { } destroyer && !InvokeDestroyer(entity, kind, destroyer))
        {
            return;
        }

        if (_logDestroyed)
        {
            _log.Destroyed(kind.Name, _identity.NameOf(entity), _identity.Handle(entity), _frame);
        }

        Retire(entity, kind);
        _destroyedThisPass++;
    }

    /// <summary>
    /// Runs the destroy callback; a throw faults the resource. Kept apart so that the exception handler does not weigh
    /// on the hot loop. While it runs, <see cref="RunningCallback"/> names the resource, so that the registry can refuse
    /// what a callback may not do (update, shut down, create, move) with an error that says whose callback it was.
    /// </summary>
    private bool InvokeDestroyer(Entity entity, ResourceKind kind, Destroyer destroyer)
    {
        int contextId = kind.ContextTypeId < 0 ? -1 : _hierarchy.FindSelfOrAncestorWith(_hierarchy.ParentOf(entity), kind.ContextTypeId).Id;
        RunningCallback = entity;
        try
        {
            destroyer.Destroy(entity.Id, contextId);
            return true;
        }
        catch (Exception error)
        {
            _lifecycle.Fault(entity, $"{error.GetType().Name}: {error.Message}");
            _faultedThisPass++;
            _log.Faulted(kind.Name, _identity.NameOf(entity), _identity.Handle(entity), _frame, error);
            return false;
        }
        finally
        {
            RunningCallback = Entity.Null;
        }
    }

    /// <summary>
    /// The one way a resource leaves the world (destroyed, or abandoned): unlinked from its parent, forgotten by the
    /// lifecycle and the identity tables, its slot freed with a new version; a blocked parent left childless is
    /// tried in this pass (or the next, outside a pass).
    /// </summary>
    private void Retire(Entity entity, ResourceKind kind)
    {
        Entity parent = _hierarchy.Detach(entity);
        List<Entity>? dependencies = _dependencies.Any ? _dependencies.Forget(entity) : null;
        _lifecycle.Forget(entity);
        _identity.Forget(entity, kind);
        _world.DestroyAlive(entity);
        WorkList ready = InPass ? _work : _next;
        if (!parent.IsNull && _lifecycle.OnChildGone(parent, _hierarchy.ChildCount(parent)))
        {
            ready.Add(parent);
        }

        if (dependencies is not null)
        {
            foreach (Entity dependency in dependencies)
            {
                if (_lifecycle.OnDependentGone(dependency, _hierarchy.ChildCount(dependency)))
                {
                    ready.Add(dependency);
                }
            }
        }
    }

    private void ReleaseCompletedGpuWaits()
    {
        int kept = 0;
        for (int i = 0; i < _waitingCount; i++)
        {
            Entity entity = _waitingForGpu[i];
            if (!_world.IsAlive(entity) || !_lifecycle.IsWaitingForGpu(entity))
            {
                continue; // left the waiting state some other way (shutdown)
            }

            if (_lifecycle.TryReleaseGpu(entity, _completedGpuValue))
            {
                _work.Add(entity);
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

    /// <summary>Marks a subtree for a cascade (or the teardown) as the walker visits it, and schedules each node.</summary>
    private struct CascadeExpansion : ISubtreeVisitor
    {
        private readonly Entity _root;
        private readonly bool _force;
        private readonly ResourceLifecycle _lifecycle;
        private readonly ResourceIdentity _identity;
        private readonly WorkList _target;

        public CascadeExpansion(Entity root, bool force, ResourceLifecycle lifecycle, ResourceIdentity identity, WorkList target)
        {
            _root = root;
            _force = force;
            _lifecycle = lifecycle;
            _identity = identity;
            _target = target;
        }

        public readonly bool Enter(Entity node)
        {
            if (_force)
            {
                _lifecycle.ForcePending(node);
            }
            else if (node != _root && _identity.IsExplicitRelease(node))
            {
                // Its owner releases it, in whatever mode the owner chooses; a cascade never enters it, so the
                // outcome does not depend on the order of requests.
                return false;
            }
            else if (!_lifecycle.Request(node, DestroyMode.Cascade) && node != _root)
            {
                return false; // an earlier cascade already covered this subtree
            }

            _target.Add(node);
            return true;
        }
    }
}
