using System.Diagnostics;
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
/// A cascade costs one walk of its subtree. The request marks only its root (<see cref="LifecycleRecord.Deferred"/>):
/// the descendants a cascade enters (all but explicit-release ones and what they own) count as requested from then on
/// (<see cref="EffectiveState"/> answers for them, by a short climb to the deferred root; a query that needs every
/// mark, or a climb too long, expands the deferred cascades first, <see cref="ExpandDeferred"/>). The update then
/// destroys the subtree in one post-order walk (<see cref="Hierarchy.WalkBelow{TVisitor}"/>): each covered resource
/// whose children are gone, that nothing else holds and the GPU is done with is destroyed right where the walk leaves
/// it — callback with the context its record keeps, unlinked, slot freed — with no work-list entry and no state
/// transition. Whatever does not qualify (it waits for the GPU, a dependent or a creation holds it, an explicit-release
/// or faulted descendant stays) is marked and tried by the general step (<see cref="TryDestroy"/>) at that same point
/// of the walk, so order and outcome are those of trying every node children-first.
/// </para>
/// <para>
/// One-way: it is built from the pieces it needs (world, hierarchy, lifecycle, identity, log, request queue) and never
/// calls back into the registry. Requests made on the owner thread are recorded in the lifecycle at once and wait in
/// <see cref="_next"/>; requests made inside a destroy callback land there too, so they take effect at the next
/// update, never in the pass that runs the callback. <see cref="Retire"/> is the one exit of a resource from the world.
/// </para>
/// Split by concern: deferred cascades (DestructionSystem.Deferred.cs), the subtree walk (DestructionSystem.Walk.cs).
/// </summary>
internal sealed partial class DestructionSystem
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

    // Roots of deferred cascades (some may have been expanded or destroyed since: their record says).
    private readonly WorkList _deferred = new();

    // While the teardown runs, walks take every resource, explicit-release ones included.
    private bool _tearingDown;

    /// <summary>How far <see cref="EffectiveState"/> climbs towards a deferred cascade's root before it expands the
    /// deferred cascades instead: bounds a query's cost on any forest depth.</summary>
    private const int MaxCoverageClimb = 64;
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

    /// <summary>The number of updates begun so far: the registry's frame, stamped on creations and log events. Written
    /// only here (<see cref="BeginFrame"/>), on the owner thread; any thread may read it.</summary>
    public long Frame => Volatile.Read(ref _frame);

    /// <summary>An update begins: the frame advances.</summary>
    public long BeginFrame()
    {
        long frame = _frame + 1;
        Volatile.Write(ref _frame, frame);
        return frame;
    }

    /// <summary>True while a pass (an update or the teardown) runs, callbacks included.</summary>
    public bool InPass { get; private set; }

    /// <summary>The resource whose destroy callback is running, or <see cref="Entity.Null"/>.</summary>
    public Entity RunningCallback { get; private set; }

    /// <summary>
    /// Records a request made on the owner thread. Block marks the resource; Cascade marks its root and defers the
    /// rest: its subtree reads as requested from now on (what is created or moved under it later is rejected, since
    /// its parent is no longer alive). Either way the resources are tried at the next pass. Returns false when an
    /// equal or stronger request was already recorded, a deferred cascade's included.
    /// </summary>
    public bool Request(Entity entity, DestroyMode mode)
    {
        // Not requested, or requested in Block mode: a deferred cascade above may have requested it as a cascade.
        if (_lifecycle.RequestedAt(entity.Id) != DestroyMode.Cascade && IsCoveredByDeferred(entity.Id))
        {
            return false;
        }

        return Apply(entity, mode, _next);
    }

    /// <summary>One frame's pass: GPU completions, other threads' requests, then everything that became ready.</summary>
    public UpdateResult Run(ulong completedGpuValue)
    {
        if (_next.Count == 0 && _requests.Count == 0 && (_waitingCount == 0 || completedGpuValue <= _completedGpuValue))
        {
            // Nothing scheduled, queued or newly completed: an idle frame costs these few compares, whatever the size.
            _completedGpuValue = Math.Max(_completedGpuValue, completedGpuValue);
            return new UpdateResult(0, 0, _lifecycle.Count(ResourceState.Blocked), _lifecycle.Count(ResourceState.WaitingForGpu), _lifecycle.Count(ResourceState.Pending));
        }

        BeginPass();
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
    public int Teardown()
    {
        BeginPass();
        _tearingDown = true;
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
            _tearingDown = false;
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
    public void Abandon(Entity entity)
    {
        ResourceKind kind = _identity.KindOf(entity);
        _log.Abandoned(kind.Name, _identity.NameOf(entity), _identity.Handle(entity), _frame);
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

    /// <summary>After <paramref name="child"/> moved away from <paramref name="oldParent"/> (deferred cascades were
    /// expanded before the move): the old parent may be free, and a child whose destruction was requested leaves the
    /// cascade it was part of, so it is scheduled on its own (with its subtree when the request was a cascade).</summary>
    public void OnMoved(Entity child, Entity oldParent)
    {
        OnChildMoved(oldParent);
        if (IsRequested(_lifecycle.StateAt(child.Id)))
        {
            if (_lifecycle.RequestedAt(child.Id) == DestroyMode.Cascade)
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

    private void BeginPass()
    {
        InPass = true;
        _creations.OnPassStart();
        _logDestroyed = _log.DestroyedEnabled;
        _destroyedThisPass = 0;
        _faultedThisPass = 0;
        (_work, _next) = (_next, _work); // both empty but for what was scheduled for this pass
    }

    private void EndPass()
    {
        _work.Clear();
        _requestedByCallbacks.Clear();

        // Cascades that destroy callbacks requested: marked now, so that counts after the update include them.
        ExpandDeferred();
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
            if (!_lifecycle.Request(entity, DestroyMode.Cascade))
            {
                return false;
            }

            NoteCallbackRequest(entity.Id);
            if (_hierarchy.ChildCountAt(entity.Id) == 0)
            {
                // Nothing below it, and nothing can be linked below it any more: no subtree to defer or to walk.
                target.Add(entity);
                return true;
            }

            _lifecycle.Defer(entity);
            _deferred.Add(entity);
            target.AddSubtree(entity);
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

    /// <summary>Teardown: forces the whole subtree of <paramref name="root"/> to Pending and schedules the root, whose
    /// subtree the pass destroys in one walk.</summary>
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

    /// <summary>Whether a callback of this pass requested the resource (never during the teardown: it takes everything).</summary>
    private bool RequestedByCallback(int slot) => _requestedByCallbacks.Count > 0 && !_tearingDown && _requestedByCallbacks.Contains(slot);

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

            Debug.Assert(contextId < 0 || _world.IsSlotAlive(contextId), "a destroy context is alive while its descendants are");
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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Retire(Entity entity, ResourceKind kind, bool notifyParent = true)
    {
        int slot = entity.Id;
        Debug.Assert(_hierarchy.ChildCountAt(slot) == 0, "only childless resources leave the world");
        Entity parent = notifyParent ? _hierarchy.ParentOf(entity) : Entity.Null;
        _hierarchy.RemoveLeaf(slot);
        _lifecycle.Forget(slot);
        _identity.Forget(slot, kind);
        _world.FreeSlot(entity);
        if (!parent.IsNull || _dependencies.Any)
        {
            NotifyHolders(entity, parent);
        }
    }

    /// <summary>After a resource left: a blocked parent, and each resource it depended on, left with no holder is tried
    /// in this pass (or the next, outside a pass).</summary>
    private void NotifyHolders(Entity gone, Entity parent)
    {
        WorkList ready = InPass ? _work : _next;
        if (!parent.IsNull && _lifecycle.OnHolderGone(parent, HoldersOf(parent)))
        {
            ready.Add(parent);
        }

        if (_dependencies.Any && _dependencies.Forget(gone) is { } dependencies)
        {
            foreach (Dependencies.Edge edge in dependencies)
            {
                if (_lifecycle.OnHolderGone(edge.Dependency, HoldersOf(edge.Dependency)))
                {
                    ready.Add(edge.Dependency);
                }
            }

            _dependencies.Recycle(dependencies);
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
                return false; // an earlier cascade already covered this subtree (a deferred one is expanded on its own)
            }

            return true;
        }
    }
}
