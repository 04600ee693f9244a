using System.Text;
using Engine.Resources.Ecs;
using Engine.Resources.Ownership;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>Every live resource, in id order. Do not create or destroy while enumerating.</summary>
    public LiveResources Resources
    {
        get
        {
            CheckOwner();
            _destruction.ExpandDeferred(); // what is read next reads every record
            return new(World, _registryId);
        }
    }

    /// <summary>The owner of a resource, or <see cref="ResourceHandle.Null"/> for a root.</summary>
    public ResourceHandle ParentOf(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        return Handle(Hierarchy.ParentOf(handle.Entity));
    }

    /// <summary>Whether the payload of a live resource is a <typeparamref name="T"/> (what <see cref="Get{T}"/> would return).</summary>
    public bool Has<T>(ResourceHandle handle) where T : struct
    {
        CheckOwner();
        EnsureAlive(handle);
        return _records[handle.Entity.Id].Meta.TypeId == Ecs.ComponentType<T>.Id;
    }

    /// <summary>The direct children of a resource, oldest first (a moved resource counts as its new parent's
    /// youngest); allocation-free.</summary>
    public ChildrenOfResource ChildrenOf(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        return new ChildrenOfResource(Hierarchy, handle.Entity, _registryId);
    }

    /// <summary>The ancestors of a resource, nearest first; allocation-free.</summary>
    public AncestorsOfResource AncestorsOf(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        return new AncestorsOfResource(Hierarchy, handle.Entity, _registryId);
    }

    /// <summary>The number of direct children.</summary>
    public int ChildCount(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        return Hierarchy.ChildCount(handle.Entity);
    }

    /// <summary>The number of resources in the subtree of <paramref name="handle"/>, itself included.</summary>
    public int SubtreeSize(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        var counter = new SubtreeCounter();
        Hierarchy.Walk(handle.Entity, ref counter);
        return counter.Count;
    }

    /// <summary>
    /// The lifecycle state. A resource whose destruction another thread requested, not yet applied (the next update
    /// does that), already reads as <see cref="ResourceState.Pending"/>; <see cref="CountByState"/> counts applied states.
    /// </summary>
    public ResourceState StateOf(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        return VisibleState(handle.Entity);
    }

    /// <summary>Everything the registry knows about one live resource.</summary>
    public ResourceInfo GetInfo(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        _destruction.ExpandDeferred();
        return InfoOf(handle);
    }

    /// <summary><see cref="GetInfo"/> without its checks: for a walk over <see cref="Resources"/> (which expanded
    /// deferred cascades already) on the owner thread.</summary>
    internal ResourceInfo InfoOf(ResourceHandle handle)
    {
        Entity e = handle.Entity;
        ref readonly var lc = ref Lifecycle.Get(e);
        var kind = _identity.KindOf(e);
        return new ResourceInfo(
            handle,
            kind.Name,
            kind.PayloadType,
            _identity.NameOf(e),
            Handle(Hierarchy.ParentOf(e)),
            VisibleState(e),
            _identity.FlagsOf(e),
            _identity.CreationFrameOf(e),
            lc.LastGpuUse,
            _identity.SizeOf(e),
            Hierarchy.ChildCount(e),
            Lifecycle.FaultOf(e),
            RequestedModeOf(e))
        {
            Placement = PlacementAt(e.Id),
        };
    }

    /// <summary>Live resources of a kind (the name given to <see cref="RegisterKind{T}(string, DestroyCallback{T})"/>).</summary>
    public int CountByKind(string kind)
    {
        CheckOwner();
        int count = 0;
        foreach (var k in _identity.Kinds.All)
        {
            if (k.Name == kind)
            {
                count += k.LiveCount;
            }
        }

        return count;
    }

    /// <summary>Live resources per kind, for every kind with at least one.</summary>
    public IReadOnlyDictionary<string, int> CountsByKind()
    {
        CheckOwner();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in _identity.Kinds.All)
        {
            if (k.LiveCount > 0)
            {
                counts[k.Name] = counts.GetValueOrDefault(k.Name) + k.LiveCount;
            }
        }

        return counts;
    }

    /// <summary>Live resources in a state, as of the last change on the owner thread (queued requests from other
    /// threads count once the next update applies them).</summary>
    public int CountByState(ResourceState state)
    {
        CheckOwner();
        _destruction.ExpandDeferred();
        return Lifecycle.Count(state);
    }

    /// <summary><c>Kind "name" #idvN</c> (see <see cref="ResourceLabels"/>), or why the handle is not usable.</summary>
    public string Describe(ResourceHandle handle)
    {
        CheckOwner();
        if (handle.RegistryId != _registryId && !handle.IsNull)
        {
            return $"resource {handle} of another registry";
        }

        return World.IsAlive(handle.Entity) ? _identity.Describe(handle.Entity) : $"stale resource {handle}";
    }

    /// <summary>The ownership path from the root down to the resource, e.g. <c>Instance #0v1 / Device "gpu" #1v1</c>.</summary>
    public string PathOf(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        var parts = new List<string> { _identity.Describe(handle.Entity) };
        for (Entity e = Hierarchy.ParentOf(handle.Entity); !e.IsNull; e = Hierarchy.ParentOf(e))
        {
            parts.Add(_identity.Describe(e));
        }

        parts.Reverse();
        return string.Join(ResourcePath.Separator, parts);
    }

    /// <summary>The mode the destruction system acts on for a resource, a deferred cascade above included, read
    /// without expanding deferred cascades (tests compare it with their model after every operation).</summary>
    internal DestroyMode RequestedModeAsActedOn(Entity entity) =>
        _destruction.IsCascadeRequested(entity) ? DestroyMode.Cascade : Lifecycle.RequestedAt(entity.Id);

    /// <summary>The strongest destruction mode requested, recorded or queued by another thread; null when none.</summary>
    private DestroyMode? RequestedModeOf(Entity entity)
    {
        DestroyMode recorded = Lifecycle.Get(entity).Requested;
        DestroyMode queued = _requests.QueuedMode(entity);
        DestroyMode strongest = recorded > queued ? recorded : queued;
        return strongest == 0 ? null : strongest;
    }

    /// <summary>
    /// The state that decides whether a resource may take a new child (or dependent): <see cref="VisibleState"/>, and
    /// also Pending when an ancestor's cascade was queued by another thread and not applied yet, so that the cascade,
    /// applied at the next update, never takes a resource created or moved after it was requested (an owner-thread
    /// cascade marks its subtree at once; this gives a queued one the same effect). The ancestor walk runs only in a
    /// registry where other threads have made requests.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ResourceState StateForNewChildren(Entity entity)
    {
        // The common case, inline (creation is a per-frame path): alive, nothing deferred, nothing from other threads.
        if (Lifecycle.StateAt(entity.Id) == ResourceState.Alive && Lifecycle.DeferredCount == 0 && !_requests.AnyQueuedEver)
        {
            return ResourceState.Alive;
        }

        return StateForNewChildrenSlow(entity);
    }

    private ResourceState StateForNewChildrenSlow(Entity entity)
    {
        var state = VisibleState(entity);
        if (state != ResourceState.Alive || !_requests.AnyQueuedEver)
        {
            return state;
        }

        for (Entity ancestor = Hierarchy.ParentOf(entity); !ancestor.IsNull; ancestor = Hierarchy.ParentOf(ancestor))
        {
            if (_requests.QueuedMode(ancestor) == DestroyMode.Cascade && !_destruction.IsCascadeRequested(ancestor))
            {
                return ResourceState.Pending;
            }
        }

        return state;
    }

    /// <summary>The state as the owner thread sees it: a request queued by another thread already counts.</summary>
    private ResourceState VisibleState(Entity entity)
    {
        var state = _destruction.EffectiveState(entity);
        return state == ResourceState.Alive && _requests.WasRequested(entity) ? ResourceState.Pending : state;
    }

    private struct SubtreeCounter : ISubtreeVisitor
    {
        public int Count;

        public bool Enter(Entity node)
        {
            Count++;
            return true;
        }
    }
}
