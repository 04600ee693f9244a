using Engine.Resources.Ecs;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>
    /// Asks for the destruction of a resource; safe on any thread. The request applies at the next
    /// <see cref="Update(ulong)"/>, on the owner thread. Repeating a request is a no-op (<see cref="DestroyRequestResult.AlreadyPending"/>);
    /// a cascade after a block request upgrades it. A stale handle is reported, not thrown. A request that races with
    /// the resource's destruction on the owner thread may report Queued and is then dropped at the update.
    /// </summary>
    public DestroyRequestResult RequestDestroy(ResourceHandle handle, DestroyMode mode = DestroyMode.Block)
    {
        if (mode is not (DestroyMode.Block or DestroyMode.Cascade))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Destroy mode must be Block or Cascade.");
        }

        if (_teardown is not null || !World.IsAlive(handle.Entity))
        {
            return DestroyRequestResult.Stale;
        }

        if (Environment.CurrentManagedThreadId == _ownerThread && Lifecycle.Get(handle.Entity).Requested >= mode)
        {
            return DestroyRequestResult.AlreadyPending; // e.g. already covered by an ancestor's cascade
        }

        return _requests.Enqueue(handle.Entity, mode);
    }

    /// <summary>The per-frame call. Applies queued requests and destroys everything that is ready, children first.</summary>
    /// <param name="completedGpuValue">The highest GPU timeline value known to have completed.</param>
    public UpdateResult Update(ulong completedGpuValue)
    {
        CheckOwner();
        _frame++;
        return _destruction.Run(completedGpuValue);
    }

    /// <summary>As <see cref="Update(ulong)"/>, with the GPU timeline where the last update left it.</summary>
    public UpdateResult Update() => Update(CompletedGpuValue);

    /// <summary>Tries the destroy callback of a faulted resource again at the next update.</summary>
    public void RetryDestroy(ResourceHandle handle)
    {
        CheckOwner();
        EnsureFaulted(handle, "retried");
        Lifecycle.Retry(handle.Entity);
        _destruction.Schedule(handle.Entity);
    }

    /// <summary>
    /// Gives up on a faulted resource: it leaves the registry without its callback (its native object may leak, which
    /// is logged), and its ancestors can then be destroyed.
    /// </summary>
    public void Abandon(ResourceHandle handle)
    {
        CheckOwner();
        EnsureFaulted(handle, "abandoned");
        ref var meta = ref _meta.Get(handle.Id);
        var kind = KindOf(meta.TypeId);
        Log.Abandoned(kind.Name, Names[handle.Id], handle, _frame);
        Entity parent = Remove(handle.Entity, kind);
        _destruction.OnChildGone(parent);
    }

    /// <summary>
    /// Lists what keeps <paramref name="handle"/> alive: the nearest resources in its subtree that cannot go yet
    /// (live children nobody released, explicit-release descendants, GPU work in flight, faults).
    /// </summary>
    public void GetBlockers(ResourceHandle handle, List<Blocker> into)
    {
        EnsureAlive(handle);
        var stack = new Stack<(Entity Node, bool IsRoot)>();
        stack.Push((handle.Entity, true));
        while (stack.Count > 0)
        {
            var (node, isRoot) = stack.Pop();
            ref var lc = ref Lifecycle.Get(node);
            if (lc.State == ResourceState.Faulted)
            {
                into.Add(new Blocker(new ResourceHandle(node), BlockReason.Faulted));
                continue;
            }

            if (lc.State == ResourceState.WaitingForGpu)
            {
                into.Add(new Blocker(new ResourceHandle(node), BlockReason.GpuInFlight));
                continue;
            }

            if (!isRoot && lc.State == ResourceState.Alive)
            {
                bool explicitRelease = (_meta.Get(node.Id).Flags & ResourceFlags.ExplicitRelease) != 0;
                into.Add(new Blocker(new ResourceHandle(node), explicitRelease ? BlockReason.ExplicitRelease : BlockReason.LiveChild));
                continue;
            }

            for (Entity c = Hierarchy.FirstChild(node); !c.IsNull; c = Hierarchy.NextSibling(c))
            {
                stack.Push((c, false));
            }
        }
    }

    private void EnsureFaulted(ResourceHandle handle, string verb)
    {
        EnsureAlive(handle);
        var state = Lifecycle.Get(handle.Entity).State;
        if (state != ResourceState.Faulted)
        {
            throw new InvalidOperationException($"{Describe(handle.Entity)} cannot be {verb}: it is {state}, not Faulted.");
        }
    }
}
