using System.Text;
using Engine.Resources.Ecs;
using Engine.Resources.Ownership;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>Every live resource, in storage order. Do not create or destroy while enumerating.</summary>
    public LiveResources Resources => new(World, _meta);

    /// <summary>The owner of a resource, or <see cref="ResourceHandle.Null"/> for a root.</summary>
    public ResourceHandle ParentOf(ResourceHandle handle)
    {
        EnsureAlive(handle);
        return new ResourceHandle(Hierarchy.ParentOf(handle.Entity));
    }

    /// <summary>The direct children of a resource, oldest first; allocation-free.</summary>
    public ChildrenOfResource ChildrenOf(ResourceHandle handle)
    {
        EnsureAlive(handle);
        return new ChildrenOfResource(Hierarchy, handle.Entity);
    }

    /// <summary>The ancestors of a resource, nearest first; allocation-free.</summary>
    public AncestorsOfResource AncestorsOf(ResourceHandle handle)
    {
        EnsureAlive(handle);
        return new AncestorsOfResource(Hierarchy, handle.Entity);
    }

    public int ChildCount(ResourceHandle handle)
    {
        EnsureAlive(handle);
        return Hierarchy.ChildCount(handle.Entity);
    }

    /// <summary>The number of resources in the subtree of <paramref name="handle"/>, itself included.</summary>
    public int SubtreeSize(ResourceHandle handle)
    {
        EnsureAlive(handle);
        int size = 0;
        var stack = new Stack<Entity>();
        stack.Push(handle.Entity);
        while (stack.Count > 0)
        {
            Entity node = stack.Pop();
            size++;
            for (Entity c = Hierarchy.FirstChild(node); !c.IsNull; c = Hierarchy.NextSibling(c))
            {
                stack.Push(c);
            }
        }

        return size;
    }

    /// <summary>
    /// The lifecycle state. A resource whose destruction was requested but not yet applied (the next update does
    /// that) reads as <see cref="ResourceState.Pending"/>; <see cref="CountByState"/> counts as of the last update.
    /// </summary>
    public ResourceState StateOf(ResourceHandle handle)
    {
        EnsureAlive(handle);
        return VisibleState(handle.Entity);
    }

    public ResourceInfo GetInfo(ResourceHandle handle)
    {
        EnsureAlive(handle);
        Entity e = handle.Entity;
        ref var meta = ref _meta.Get(e.Id);
        ref var lc = ref Lifecycle.Get(e);
        var kind = KindOf(meta.TypeId);
        return new ResourceInfo(
            handle,
            kind.Name,
            kind.PayloadType,
            Names[e.Id],
            new ResourceHandle(Hierarchy.ParentOf(e)),
            VisibleState(e),
            meta.Flags,
            meta.CreationFrame,
            lc.LastGpuUse,
            meta.SizeBytes,
            Hierarchy.ChildCount(e),
            Lifecycle.FaultOf(e));
    }

    /// <summary>Live resources of a kind (the name given to <see cref="RegisterKind{T}(string, DestroyCallback{T})"/>).</summary>
    public int CountByKind(string kind)
    {
        int count = 0;
        foreach (var k in _kinds)
        {
            if (k is not null && k.Name == kind)
            {
                count += k.LiveCount;
            }
        }

        return count;
    }

    /// <summary>Live resources per kind, for every kind with at least one.</summary>
    public IReadOnlyDictionary<string, int> CountsByKind()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in _kinds)
        {
            if (k is { LiveCount: > 0 })
            {
                counts[k.Name] = counts.GetValueOrDefault(k.Name) + k.LiveCount;
            }
        }

        return counts;
    }

    public int CountByState(ResourceState state) => Lifecycle.Count(state);

    /// <summary>"Kind 'name' #id vN", or why the handle is not usable.</summary>
    public string Describe(ResourceHandle handle) =>
        World.IsAlive(handle.Entity) ? Describe(handle.Entity) : $"stale resource {handle}";

    /// <summary>The ownership path from the root down to the resource, e.g. "Instance #0v1 / Device 'gpu' #1v1".</summary>
    public string PathOf(ResourceHandle handle)
    {
        EnsureAlive(handle);
        var parts = new List<string> { Describe(handle.Entity) };
        foreach (var ancestor in AncestorsOf(handle))
        {
            parts.Add(Describe(ancestor.Entity));
        }

        parts.Reverse();
        var path = new StringBuilder();
        foreach (var part in parts)
        {
            path.Append(path.Length == 0 ? string.Empty : " / ").Append(part);
        }

        return path.ToString();
    }

    private ResourceState VisibleState(Entity entity)
    {
        var state = Lifecycle.Get(entity).State;
        return state == ResourceState.Alive && _requests.WasRequested(entity) ? ResourceState.Pending : state;
    }

    private string Describe(Entity entity)
    {
        ref var meta = ref _meta.Get(entity.Id);
        string kind = KindOf(meta.TypeId).Name;
        string? name = Names[entity.Id];
        return name is null ? $"{kind} {entity}" : $"{kind} '{name}' {entity}";
    }
}
