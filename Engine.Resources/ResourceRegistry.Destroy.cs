using Engine.Resources.Ecs;
using Engine.Resources.Lifecycle;
using Engine.Resources.Ownership;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>
    /// Asks for the destruction of a resource; safe on any thread and inside a destroy callback. The resource is
    /// destroyed at a later <see cref="Update(ulong)"/> (the next one, unless children, GPU work or a fault hold it).
    /// On the owner thread the request is recorded at once: the resource reads as <see cref="ResourceState.Pending"/>
    /// and accepts no new children; with <see cref="DestroyMode.Cascade"/> so does its whole subtree (explicit-release
    /// descendants and what they own excepted). From other threads it is queued, reads as Pending on the owner
    /// thread at once, and is applied at the next update. Repeating a request is a no-op
    /// (<see cref="DestroyRequestResult.AlreadyPending"/>); a cascade after a block request upgrades it. A stale or
    /// null handle is reported (<see cref="DestroyRequestResult.Stale"/>), not thrown; a handle from another registry
    /// throws <see cref="ForeignHandleException"/>. From another thread, a request the owner thread (or another thread)
    /// already made reports AlreadyPending too. A request from another thread that races with the resource's
    /// destruction, or with the owner thread's own request, may report Queued and is then dropped at the update.
    /// </summary>
    public DestroyRequestResult RequestDestroy(ResourceHandle handle, DestroyMode mode = DestroyMode.Block)
    {
        if (mode is not (DestroyMode.Block or DestroyMode.Cascade))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{nameof(RequestDestroy)}: the destroy mode must be Block or Cascade.");
        }

        if (handle.RegistryId != _registryId && !handle.IsNull)
        {
            ThrowUnusable(handle);
        }

        if (IsShutDown || !World.IsAlive(handle.Entity))
        {
            return DestroyRequestResult.Stale;
        }

        if (CurrentThread.Id == _ownerThread)
        {
            return _destruction.Request(handle.Entity, mode) ? DestroyRequestResult.Queued : DestroyRequestResult.AlreadyPending;
        }

        // Already asked on the owner thread (or by another thread before): the same answer as there.
        return _destruction.IsRequestedFromAnyThread(handle.Entity, mode)
            ? DestroyRequestResult.AlreadyPending
            : _requests.Enqueue(handle.Entity, mode);
    }

    /// <summary>
    /// The per-frame call, on the owner thread. Joins resources created on other threads
    /// (<see cref="BeginCreate{T}"/>), applies other threads' requests and destroys everything that is ready,
    /// children first. Not allowed from inside a destroy callback.
    /// </summary>
    /// <param name="completedGpuValue">The highest GPU timeline value known to have completed.</param>
    public UpdateResult Update(ulong completedGpuValue)
    {
        CheckMutable();
        long frame = _destruction.BeginFrame();
        // One check for everything other threads may have asked of this update; the common frame pays only it.
        return Volatile.Read(ref _ownerWork) == 0
            ? _destruction.Run(completedGpuValue)
            : UpdateWithOwnerWork(frame, completedGpuValue);
    }

    /// <summary>An update with work from other threads: creations join before the pass; frame counters are recorded
    /// and captures taken after it (on the owner thread: a consistent forest, no race with the frame).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private UpdateResult UpdateWithOwnerWork(long frame, ulong completedGpuValue)
    {
        if (_creations.Used)
        {
            JoinCreations();
        }

        UpdateResult result = _destruction.Run(completedGpuValue);
        int work = Volatile.Read(ref _ownerWork);
        if ((work & OwnerWorkFrameCounters) != 0)
        {
            RecordFrameCounters(frame, result);
        }

        if ((work & OwnerWorkCapture) != 0)
        {
            ServeCaptures();
        }

        return result;
    }

    /// <summary>As <see cref="Update(ulong)"/>, with the GPU timeline where the last update left it.</summary>
    public UpdateResult Update() => Update(CompletedGpuValue);

    /// <summary>Tries the destroy callback of a faulted resource again at the next update.</summary>
    public void RetryDestroy(ResourceHandle handle)
    {
        CheckMutable();
        EnsureFaulted(handle, "retried");
        _destruction.Retry(handle.Entity);
    }

    /// <summary>
    /// Gives up on a faulted resource: it leaves the registry without its callback (its native object may leak, which
    /// is logged), and its ancestors can then be destroyed. Refused while a creation begun on another thread
    /// (<see cref="BeginCreate{T}"/>) holds it as its parent: abandon it once that one joined or was cancelled.
    /// </summary>
    public void Abandon(ResourceHandle handle)
    {
        CheckMutable();
        EnsureFaulted(handle, "abandoned");
        if (_creations.Used && _creations.HoldsOn(handle.Entity) is int holds and > 0)
        {
            throw new InvalidOperationException(
                $"{nameof(Abandon)}: {_identity.Describe(handle.Entity)} cannot be abandoned: {holds} creation(s) begun on other threads will join under it at the next update.");
        }

        _destruction.Abandon(handle.Entity);
    }

    /// <summary>
    /// Lists what keeps <paramref name="handle"/> alive: the nearest resources in its subtree that cannot go yet
    /// (live children nobody released, explicit-release descendants, GPU work in flight, faults).
    /// </summary>
    public void GetBlockers(ResourceHandle handle, List<Blocker> into)
    {
        CheckOwner();
        EnsureAlive(handle);
        ArgumentNullException.ThrowIfNull(into);
        _destruction.ExpandDeferred();
        var finder = new BlockerFinder(this, handle.Entity, into);
        Hierarchy.Walk(handle.Entity, ref finder);
    }

    private void EnsureFaulted(ResourceHandle handle, string verb, [System.Runtime.CompilerServices.CallerMemberName] string member = "")
    {
        EnsureAlive(handle, member);
        var state = Lifecycle.StateOf(handle.Entity);
        if (state != ResourceState.Faulted)
        {
            throw new InvalidOperationException($"{member}: {_identity.Describe(handle.Entity)} cannot be {verb}: it is {state}, not Faulted.");
        }
    }

    /// <summary>Collects the nearest blockers below a resource: it stops at each one, as its subtree is held by it.</summary>
    private readonly struct BlockerFinder : ISubtreeVisitor
    {
        private readonly ResourceRegistry _registry;
        private readonly Entity _root;
        private readonly List<Blocker> _into;

        public BlockerFinder(ResourceRegistry registry, Entity root, List<Blocker> into)
        {
            _registry = registry;
            _root = root;
            _into = into;
        }

        public bool Enter(Entity node)
        {
            foreach (Entity dependent in _registry.Dependencies.DependentsOf(node))
            {
                _into.Add(new Blocker(_registry.Handle(dependent), BlockReason.Dependent));
            }

            // The classifier the snapshot analysis uses too; a cascade queued by another thread reads as a request
            // of the parent (VisibleState), so nothing below is "under a requested cascade" that is not already pending.
            BlockReason reason = BlockReasons.Classify(_registry.VisibleState(node), _registry._identity.IsExplicitRelease(node),
                _registry.Hierarchy.ChildCount(node) > 0, _registry.Dependencies.DependentCount(node.Id) > 0);
            bool isRootAlive = node == _root && reason is BlockReason.LiveChild or BlockReason.ExplicitRelease;
            if (!isRootAlive && BlockReasons.IsRootCause(reason))
            {
                _into.Add(new Blocker(_registry.Handle(node), reason));
                return false;
            }

            return true;
        }
    }
}
