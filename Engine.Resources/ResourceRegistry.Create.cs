using System.Runtime.CompilerServices;
using Engine.Resources.Ecs;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>
    /// Registers a resource with its payload, under <paramref name="parent"/> (or as a root when it is null).
    /// Rejected, changing nothing, when the parent is stale or being destroyed, or when the payload's destroy
    /// callback needs a context ancestor the new position lacks.
    /// </summary>
    public ResourceHandle<T> Create<T>(in T payload, ResourceHandle parent = default, string? name = null, ResourceFlags flags = ResourceFlags.None)
        where T : struct
    {
        CheckOwner();
        var kind = KindFor<T>();
        if (!parent.IsNull)
        {
            EnsureAlive(parent);
            var parentState = Lifecycle.Get(parent.Entity).State;
            if (parentState != ResourceState.Alive)
            {
                throw new ResourceHierarchyException(
                    $"Cannot create {kind.Name}{NameSuffix(name)} under {Describe(parent.Entity)}: the parent is being destroyed ({parentState}).");
            }
        }

        if (kind.ContextTypeId >= 0 && FindContextFrom(parent.Entity, kind.ContextTypeId).IsNull)
        {
            throw new ResourceHierarchyException(
                $"Cannot create {kind.Name}{NameSuffix(name)} under {(parent.IsNull ? "no parent" : Describe(parent.Entity))}: its destroy callback needs a {ComponentType.TypeOf(kind.ContextTypeId).Name} ancestor and there is none.");
        }

        Entity entity = World.Create();
        World.AddToNew(entity, Unsafe.As<ComponentPool<T>>(kind.Payloads), payload);
        Hierarchy.AddNode(entity);
        World.AddToNew(entity, _meta, new ResourceMeta { TypeId = kind.TypeId, Flags = flags, CreationFrame = _frame });
        Names.Set(entity.Id, name);
        Lifecycle.Add(entity);
        if (!parent.IsNull)
        {
            Hierarchy.Attach(entity, parent.Entity);
        }

        kind.LiveCount++;
        return new ResourceHandle<T>(entity);
    }

    /// <summary>Whether the handle names a live resource. Safe on any thread.</summary>
    public bool IsAlive(ResourceHandle handle) => World.IsAlive(handle.Entity);

    /// <summary>The payload, by reference; throws <see cref="StaleHandleException"/> naming the handle when it is stale.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get<T>(ResourceHandle<T> handle) where T : struct
    {
        if (!World.IsAlive(handle.Entity))
        {
            ThrowStale(handle);
        }

        ref T payload = ref World.Pool<T>().Find(handle.Entity.Id, out bool found);
        if (!found)
        {
            ThrowWrongPayload(handle, typeof(T));
        }

        return ref payload;
    }

    /// <summary>
    /// Moves a resource (and its subtree) under <paramref name="newParent"/>, or makes it a root when null.
    /// Rejected with a <see cref="ResourceHierarchyException"/>, changing nothing, when the move would create a cycle,
    /// when the new parent is being destroyed, or when a moved resource would lose the context its destroy callback needs.
    /// </summary>
    public void SetParent(ResourceHandle child, ResourceHandle newParent)
    {
        CheckOwner();
        EnsureAlive(child);
        if (!newParent.IsNull)
        {
            EnsureAlive(newParent);
            var state = Lifecycle.Get(newParent.Entity).State;
            if (state != ResourceState.Alive)
            {
                throw new ResourceHierarchyException(
                    $"Cannot move {Describe(child.Entity)} under {Describe(newParent.Entity)}: the new parent is being destroyed ({state}).");
            }
        }

        Entity oldParent = Hierarchy.ParentOf(child.Entity);
        Hierarchy.SetParent(child.Entity, newParent.Entity);
        if (FindMissingContext(child.Entity) is { } missing)
        {
            Hierarchy.SetParent(child.Entity, oldParent); // undo: the registry stays exactly as it was
            throw new ResourceHierarchyException(
                $"Cannot move {Describe(child.Entity)} under {(newParent.IsNull ? "no parent" : Describe(newParent.Entity))}: {missing}");
        }

        _destruction.OnChildGone(oldParent);
    }

    /// <summary>Records the size of a resource (for diagnostics and snapshots).</summary>
    public void SetSizeBytes(ResourceHandle handle, long bytes)
    {
        CheckOwner();
        EnsureAlive(handle);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _meta.Get(handle.Id).SizeBytes = bytes;
    }

    /// <summary>
    /// Records that GPU work which completes at timeline value <paramref name="timelineValue"/> uses the resource:
    /// its destruction (and so its ancestors') waits until an update reports that value completed.
    /// </summary>
    public void MarkInUse(ResourceHandle handle, ulong timelineValue)
    {
        CheckOwner();
        EnsureAlive(handle);
        ref var lc = ref Lifecycle.Get(handle.Entity);
        if (timelineValue > lc.LastGpuUse)
        {
            lc.LastGpuUse = timelineValue;
        }
    }

    /// <summary>Checks the subtree of a moved resource: every destroy callback must still find its context ancestor.</summary>
    private string? FindMissingContext(Entity root)
    {
        var stack = new Stack<Entity>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            Entity node = stack.Pop();
            var kind = KindOf(_meta.Get(node.Id).TypeId);
            if (kind.ContextTypeId >= 0 && FindContext(node, kind.ContextTypeId).IsNull)
            {
                return $"{Describe(node)} would have no {ComponentType.TypeOf(kind.ContextTypeId).Name} ancestor for its destroy callback.";
            }

            for (Entity c = Hierarchy.FirstChild(node); !c.IsNull; c = Hierarchy.NextSibling(c))
            {
                stack.Push(c);
            }
        }

        return null;
    }

    private void EnsureAlive(ResourceHandle handle)
    {
        if (!World.IsAlive(handle.Entity))
        {
            ThrowStale(handle);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowStale(ResourceHandle handle) =>
        throw new StaleHandleException(handle, $"Resource handle {handle} is not usable. {World.DescribeDead(handle.Entity).Replace("Entity", "Resource", StringComparison.Ordinal)}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongPayload(ResourceHandle handle, Type type) =>
        throw new StaleHandleException(handle, $"Resource handle {handle} names {Describe(handle.Entity)}, whose payload is not a {type.Name} (a handle from another registry?).");

    private static string NameSuffix(string? name) => name is null ? string.Empty : $" '{name}'";
}
