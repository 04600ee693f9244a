using Engine.Resources.Ecs;
using Engine.Resources.Identity;
using Engine.Resources.Lifecycle;
using Engine.Resources.Logging;
using Engine.Resources.Ownership;

namespace Engine.Resources.Destruction;

/// <summary>
/// The per-frame destruction pass. Work is a FIFO of resources to try and of cascade roots; nothing else is visited, so
/// an update with nothing pending is O(1) and destroying k resources is O(k) whatever the number of live resources.
/// A resource is destroyed only when it has no live child and no GPU use in flight; destroying a child that was a
/// blocked parent's last one schedules the parent in the same pass, so whole subtrees go in one update, leaves first.
/// <para>
/// A cascade's subtree goes in one post-order walk (<see cref="Hierarchy.WalkBelow{TVisitor}"/>): each requested
/// resource whose children are gone, that nothing else holds and the GPU is done with is destroyed right where the walk
/// leaves it — callback with the context its record keeps, unlinked, slot freed — with no work-list entry and no state
/// transition. Whatever does not qualify (it waits for the GPU, a dependent or a creation holds it, an explicit-release
/// or faulted descendant stays) is tried by the general step (<see cref="TryDestroy"/>) at that same point of the
/// walk, so order and outcome are those of trying every node children-first.
/// </para>
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
    private readonly ResourceRecords _records;

    private WorkList _work = new();  // this pass
    private WorkList _next = new();  // the next pass: requests and retries made since (or during) the last pass
    private Entity[] _waitingForGpu = new Entity[64];
    private int _waitingCount;
    private ulong _completedGpuValue;
    private long _frame;

    // Slots whose destruction a destroy callback requested in this pass: they wait for the next one, so a subtree walk
    // neither enters nor takes them. Empty (and never looked up) unless a callback requests.
    private readonly HashSet<int> _requestedByCallbacks = [];
    private int _destroyedThisPass;
    private int _faultedThisPass;
    private bool _logDestroyed;

    public DestructionSystem(World world, ResourceRecords records, Hierarchy hierarchy, Dependencies dependencies, ResourceLifecycle lifecycle, ResourceIdentity identity, RegistryLog log, DestroyRequestQueue requests, CrossThreadCreations creations)
    {
        _records = records;
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

            for (int slot = 0; slot < _world.Capacity; slot++)
            {
                if (_world.IsSlotAlive(slot) && _hierarchy.ParentOf(_world.EntityAt(slot)).IsNull)
                {
                    ExpandSubtree(_world.EntityAt(slot), force: true, _work);
                }
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

    /// <summary>After a child moved away from <paramref name="parent"/> (or a creation under it was cancelled): a
    /// blocked parent left with no holder is tried at the next pass.</summary>
    public void OnChildMoved(Entity parent)
    {
        if (!parent.IsNull && _lifecycle.OnHolderGone(parent, HoldersOf(parent)))
        {
            _next.Add(parent);
        }
    }

    /// <summary>After <paramref name="child"/> moved away from <paramref name="oldParent"/>: the old parent may be free,
    /// and a child whose destruction was requested leaves the cascade it was part of, so it is scheduled on its own
    /// (with its requested subtree when the request was a cascade).</summary>
    public void OnMoved(Entity child, Entity oldParent)
    {
        OnChildMoved(oldParent);
        if (_lifecycle.IsRequestedInWalk(child.Id))
        {
            if (_lifecycle.Get(child).Requested == DestroyMode.Cascade)
            {
                _next.AddSubtree(child);
            }
            else
            {
                _next.Add(child);
            }
        }
    }

    /// <summary>A dependency edge to <paramref name="dependency"/> was removed: a blocked dependency left with no
    /// holder is tried at the next pass.</summary>
    public void OnDependentRemoved(Entity dependency)
    {
        if (_lifecycle.OnHolderGone(dependency, HoldersOf(dependency)))
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
        _requestedByCallbacks.Clear();
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

        NoteCallbackRequest(entity.Id);
        target.Add(entity);
        return true;
    }

    /// <summary>Requests the whole subtree of <paramref name="root"/> (marking it now, so it takes no new children) and
    /// schedules the root, whose subtree the pass destroys in one walk.</summary>
    private void ExpandSubtree(Entity root, bool force, WorkList target)
    {
        var expansion = new CascadeExpansion(root, force, this);
        _hierarchy.Walk(root, ref expansion);
        target.AddSubtree(root);
    }

    /// <summary>A request made by a running destroy callback takes effect at the next pass: remember it, so this
    /// pass's subtree walks leave the resource alone.</summary>
    private void NoteCallbackRequest(int slot)
    {
        if (!RunningCallback.IsNull)
        {
            _requestedByCallbacks.Add(slot);
        }
    }

    private bool RequestedByCallback(int slot) => _requestedByCallbacks.Count > 0 && _requestedByCallbacks.Contains(slot);

    private void ProcessWork()
    {
        for (int i = 0; i < _work.Count; i++)
        {
            WorkItem item = _work[i];
            if (item.Subtree)
            {
                DestroySubtree(item.Entity);
            }
            else
            {
                TryDestroy(item.Entity);
            }
        }

        _work.Clear();
    }

    /// <summary>A cascade root: its requested subtree in one walk, children first, then the root itself.</summary>
    private void DestroySubtree(Entity root)
    {
        if (!_world.IsAlive(root))
        {
            return;
        }

        if (_lifecycle.IsRequestedInWalk(root.Id) && !RequestedByCallback(root.Id))
        {
            var walk = new SubtreeDestruction(this);
            _hierarchy.WalkBelow(root, ref walk);
        }

        TryDestroy(root);
    }

    /// <summary>Where the subtree walk leaves a resource: destroyed on the spot when nothing holds or delays it,
    /// otherwise tried by the general step, which blocks it, makes it wait for the GPU, or leaves it as it is.</summary>
    private void LeaveInWalk(int slot)
    {
        if (RequestedByCallback(slot))
        {
            return; // requested in this pass by a callback: the next pass takes it
        }

        if (_records[slot].Links.ChildCount == 0
            && _lifecycle.IsReadyInWalk(slot, _completedGpuValue)
            && _dependencies.DependentCount(slot) == 0
            && !_creations.Used)
        {
            Entity entity = _world.EntityAt(slot);
            ResourceKind kind = _identity.Kinds[_records[slot].Meta.TypeId];
            if (kind.Destroyer is { } destroyer && !InvokeDestroyer(entity, kind, destroyer))
            {
                return;
            }

            if (_logDestroyed)
            {
                _log.Destroyed(kind.Name, _identity.NameOf(entity), _identity.Handle(entity), _frame);
            }

            // Its parent is left next by the walk (or tried right after it, for the root's children): no notice.
            Retire(entity, kind, notifyParent: false);
            _destroyedThisPass++;
        }
        else if (_lifecycle.IsRequestedInWalk(slot))
        {
            TryDestroy(_world.EntityAt(slot));
        }
    }

    /// <summary>What holds a resource: its live children and its dependents (creations begun under it are counted
    /// where they matter, in <see cref="TryDestroy"/>).</summary>
    private int HoldersOf(Entity entity) => _hierarchy.ChildCount(entity) + _dependencies.DependentCount(entity.Id);

    private void TryDestroy(Entity entity)
    {
        if (!_world.IsAlive(entity))
        {
            return; // scheduled twice and already gone
        }

        int holders = HoldersOf(entity);
        if (_creations.Used)
        {
            holders += _creations.HoldsOn(entity); // creations begun on other threads hold their parent like children
        }

        switch (_lifecycle.TryStartDestroy(entity, holders, _completedGpuValue))
        {
            case DestroyStep.NotScheduled:
                return;
            case DestroyStep.Blocked:
                _log.Blocked(_identity.KindOf(entity).Name, _identity.NameOf(entity), _identity.Handle(entity), holders, _frame);
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
        int contextId = kind.ContextTypeId < 0 ? -1 : _identity.ContextSlotOf(entity.Id) - 1;
        RunningCallback = entity;
        try
        {
            if (contextId < 0 && kind.ContextTypeId >= 0)
            {
                throw new InvalidOperationException($"no {ComponentType.TypeOf(kind.ContextTypeId).Name} ancestor to destroy it with");
            }

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
    /// lifecycle and the identity tables, its slot freed with a new version; a blocked parent (unless the caller is a
    /// subtree walk that leaves the parent next) or dependency left with no holder is tried in this pass (or the next,
    /// outside a pass). Only childless resources leave: children always go first.
    /// </summary>
    private void Retire(Entity entity, ResourceKind kind, bool notifyParent = true)
    {
        int slot = entity.Id;
        Entity parent = notifyParent ? _hierarchy.ParentOf(entity) : Entity.Null;
        _hierarchy.RemoveLeaf(slot);
        List<Entity>? dependencies = _dependencies.Any ? _dependencies.Forget(entity) : null;
        _lifecycle.Forget(slot);
        _identity.Forget(slot, kind);
        _world.DestroyAlive(entity);
        WorkList ready = InPass ? _work : _next;
        if (!parent.IsNull && _lifecycle.OnHolderGone(parent, HoldersOf(parent)))
        {
            ready.Add(parent);
        }

        if (dependencies is not null)
        {
            foreach (Entity dependency in dependencies)
            {
                if (_lifecycle.OnHolderGone(dependency, HoldersOf(dependency)))
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

    /// <summary>Marks a subtree for a cascade (or the teardown) as the walker visits it.</summary>
    private readonly struct CascadeExpansion : ISubtreeVisitor
    {
        private readonly Entity _root;
        private readonly bool _force;
        private readonly DestructionSystem _system;

        public CascadeExpansion(Entity root, bool force, DestructionSystem system)
        {
            _root = root;
            _force = force;
            _system = system;
        }

        public bool Enter(Entity node)
        {
            if (_force)
            {
                _system._lifecycle.ForcePending(node);
            }
            else if (node != _root && _system._identity.IsExplicitRelease(node))
            {
                // Its owner releases it, in whatever mode the owner chooses; a cascade never enters it, so the
                // outcome does not depend on the order of requests.
                return false;
            }
            else if (!_system._lifecycle.Request(node, DestroyMode.Cascade) && node != _root)
            {
                return false; // an earlier cascade already covered this subtree
            }

            _system.NoteCallbackRequest(node.Id);
            return true;
        }
    }

    /// <summary>The destruction side of a cascade's post-order walk.</summary>
    private readonly struct SubtreeDestruction : IPostOrderVisitor
    {
        private readonly DestructionSystem _system;

        public SubtreeDestruction(DestructionSystem system) => _system = system;

        public bool Descend(int slot) => _system._lifecycle.IsRequestedInWalk(slot) && !_system.RequestedByCallback(slot);

        public void Leave(int slot) => _system.LeaveInWalk(slot);
    }
}
