using Engine.Resources.Ecs;

namespace Engine.Resources.Ownership;

/// <summary>
/// The second kind of edge: a resource that must be destroyed before resources other than its parent (a swapchain
/// before its surface). The one writer of dependency edges. Rare, so kept in side tables keyed by slot; a registry
/// that has none pays one count check per destroyed resource. With <see cref="Hierarchy"/> it answers the cycle
/// question across both kinds of edge: a resource goes before its parent and before each of its dependencies, and
/// no edge may make a resource go before itself.
/// </summary>
internal sealed class Dependencies
{
    private readonly World _world;
    private readonly Hierarchy _hierarchy;
    // Per dependent, its edges; per dependency, its dependents in no particular order. Each edge knows where its
    // dependent sits in the dependency's list, so removing it is a swap with the last there, not a search: a memory
    // block with thousands of live sub-allocations frees each in constant time.
    private readonly Dictionary<int, List<Edge>> _dependsOn = [];
    private readonly Dictionary<int, List<Entity>> _dependents = [];

    // Reused, so that resources created and destroyed every frame with a dependency (a sub-allocation on its memory
    // block) allocate nothing once the tables are warm: emptied edge lists, and the cycle check's visit state.
    private readonly Stack<List<Edge>> _spareEdgeLists = new();
    private readonly Stack<List<Entity>> _spareDependentLists = new();
    private readonly HashSet<int> _seen = [];
    private readonly Stack<Entity> _pending = new();

    /// <summary>One edge as its dependent keeps it: what it depends on, and its own place in that one's dependents.</summary>
    public struct Edge(Entity dependency, int indexInDependents)
    {
        public readonly Entity Dependency = dependency;
        public int IndexInDependents = indexInDependents;
    }

    public Dependencies(World world, Hierarchy hierarchy)
    {
        _world = world;
        _hierarchy = hierarchy;
    }

    /// <summary>Whether any resource has a dependency at all.</summary>
    public bool Any
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _dependsOn.Count > 0;
    }

    /// <summary>How many live resources depend on the resource in <paramref name="slot"/>: they hold it as its children do
    /// (one dictionary lookup, and none in a registry without dependencies).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int DependentCount(int slot) => _dependents.Count == 0 ? 0 : CountDependents(slot);

    private int CountDependents(int slot) => _dependents.TryGetValue(slot, out List<Entity>? list) ? list.Count : 0;

    /// <summary>Every edge as (dependent, dependency), in no particular order.</summary>
    public IEnumerable<(Entity Dependent, Entity Dependency)> Edges =>
        _dependsOn.SelectMany(pair => pair.Value.Select(edge => (_world.EntityAt(pair.Key), edge.Dependency)));

    /// <summary>Whether the edge <paramref name="dependent"/> → <paramref name="dependency"/> exists.</summary>
    public bool Has(Entity dependent, Entity dependency)
    {
        if (_dependsOn.TryGetValue(dependent.Id, out List<Edge>? edges))
        {
            foreach (Edge edge in edges)
            {
                if (edge.Dependency == dependency)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>What <paramref name="dependent"/> depends on, in the order the edges were added (empty when nothing).</summary>
    public IEnumerable<Entity> Of(Entity dependent) =>
        _dependsOn.TryGetValue(dependent.Id, out List<Edge>? list) ? list.Select(edge => edge.Dependency) : [];

    /// <summary>What depends on <paramref name="dependency"/>, in no particular order (empty when nothing).</summary>
    public IReadOnlyList<Entity> DependentsOf(Entity dependency) =>
        _dependents.TryGetValue(dependency.Id, out List<Entity>? list) ? list : [];

    /// <summary>Adds the edge; false when it already exists. The caller has checked <see cref="MustPrecede"/>.</summary>
    public bool Add(Entity dependent, Entity dependency)
    {
        if (!_dependsOn.TryGetValue(dependent.Id, out List<Edge>? edges))
        {
            edges = _spareEdgeLists.TryPop(out List<Edge>? spare) ? spare : [];
            _dependsOn.Add(dependent.Id, edges);
        }

        foreach (Edge edge in edges)
        {
            if (edge.Dependency == dependency)
            {
                return false;
            }
        }

        if (!_dependents.TryGetValue(dependency.Id, out List<Entity>? back))
        {
            back = _spareDependentLists.TryPop(out List<Entity>? spare) ? spare : [];
            _dependents.Add(dependency.Id, back);
        }

        edges.Add(new Edge(dependency, back.Count));
        back.Add(dependent);
        return true;
    }

    /// <summary>Removes the edge; false when there was none.</summary>
    public bool Remove(Entity dependent, Entity dependency)
    {
        if (!_dependsOn.TryGetValue(dependent.Id, out List<Edge>? edges))
        {
            return false;
        }

        for (int i = 0; i < edges.Count; i++)
        {
            if (edges[i].Dependency == dependency)
            {
                int index = edges[i].IndexInDependents;
                edges.RemoveAt(i);
                if (edges.Count == 0)
                {
                    _dependsOn.Remove(dependent.Id);
                    Recycle(edges);
                }

                RemoveDependent(dependency, index);
                return true;
            }
        }

        return false;
    }

    /// <summary>A resource leaves the world: its own edges go; returns them (to notify what it depended on), a list to
    /// give back with <see cref="Recycle"/> once read.</summary>
    public List<Edge>? Forget(Entity dependent)
    {
        if (!_dependsOn.Remove(dependent.Id, out List<Edge>? edges))
        {
            return null;
        }

        foreach (Edge edge in edges)
        {
            RemoveDependent(edge.Dependency, edge.IndexInDependents);
        }

        return edges;
    }

    /// <summary>Takes the dependent at <paramref name="index"/> out of <paramref name="dependency"/>'s list: the last one
    /// moves into its place, and its edge learns its new place.</summary>
    private void RemoveDependent(Entity dependency, int index)
    {
        List<Entity> back = _dependents[dependency.Id];
        int last = back.Count - 1;
        if (index != last)
        {
            Entity moved = back[last];
            back[index] = moved;
            List<Edge> movedEdges = _dependsOn[moved.Id];
            for (int i = 0; i < movedEdges.Count; i++)
            {
                if (movedEdges[i].Dependency == dependency)
                {
                    System.Runtime.InteropServices.CollectionsMarshal.AsSpan(movedEdges)[i].IndexInDependents = index;
                    break;
                }
            }
        }

        back.RemoveAt(last);
        if (back.Count == 0)
        {
            _dependents.Remove(dependency.Id);
            _spareDependentLists.Push(back);
        }
    }

    /// <summary>Takes back an edge list nobody reads any more.</summary>
    public void Recycle(List<Edge> list)
    {
        list.Clear();
        _spareEdgeLists.Push(list);
    }

    /// <summary>
    /// Whether <paramref name="first"/> already has to be destroyed before <paramref name="then"/>: following parent
    /// and dependency edges from <paramref name="first"/> reaches <paramref name="then"/>. An edge that would make
    /// <paramref name="then"/> go before <paramref name="first"/> would then close a cycle. Iterative, each resource
    /// visited once.
    /// </summary>
    public bool MustPrecede(Entity first, Entity then)
    {
        if (first == then)
        {
            return true;
        }

        if (!Any)
        {
            return _hierarchy.IsSelfOrAncestor(then, first);
        }

        HashSet<int> seen = _seen;
        Stack<Entity> stack = _pending;
        seen.Clear();
        stack.Clear();
        seen.Add(first.Id);
        stack.Push(first);
        while (stack.Count > 0)
        {
            Entity node = stack.Pop();
            Entity parent = _hierarchy.ParentOf(node);
            if (!parent.IsNull)
            {
                if (parent == then)
                {
                    return true;
                }

                if (seen.Add(parent.Id))
                {
                    stack.Push(parent);
                }
            }

            // The list itself: its struct enumerator allocates nothing per step of the walk.
            if (!_dependsOn.TryGetValue(node.Id, out List<Edge>? edges))
            {
                continue;
            }

            foreach (Edge edge in edges)
            {
                Entity dependency = edge.Dependency;
                if (dependency == then)
                {
                    return true;
                }

                if (_world.IsAlive(dependency) && seen.Add(dependency.Id))
                {
                    stack.Push(dependency);
                }
            }
        }

        return false;
    }
}
