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
    private readonly Dictionary<int, List<Entity>> _dependsOn = [];
    private readonly Dictionary<int, List<Entity>> _dependents = [];

    // Reused, so that resources created and destroyed every frame with a dependency (a sub-allocation on its memory
    // block) allocate nothing once the tables are warm: emptied edge lists, and the cycle check's visit state.
    private readonly Stack<List<Entity>> _spareLists = new();
    private readonly HashSet<int> _seen = [];
    private readonly Stack<Entity> _pending = new();

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
        _dependsOn.SelectMany(pair => pair.Value.Select(dependency => (_world.EntityAt(pair.Key), dependency)));

    /// <summary>Whether the edge <paramref name="dependent"/> → <paramref name="dependency"/> exists.</summary>
    public bool Has(Entity dependent, Entity dependency) =>
        _dependsOn.TryGetValue(dependent.Id, out List<Entity>? list) && list.Contains(dependency);

    /// <summary>What <paramref name="dependent"/> depends on (empty when nothing).</summary>
    public IReadOnlyList<Entity> Of(Entity dependent) =>
        _dependsOn.TryGetValue(dependent.Id, out List<Entity>? list) ? list : [];

    /// <summary>What depends on <paramref name="dependency"/> (empty when nothing).</summary>
    public IReadOnlyList<Entity> DependentsOf(Entity dependency) =>
        _dependents.TryGetValue(dependency.Id, out List<Entity>? list) ? list : [];

    /// <summary>Adds the edge; false when it already exists. The caller has checked <see cref="MustPrecede"/>.</summary>
    public bool Add(Entity dependent, Entity dependency)
    {
        if (!_dependsOn.TryGetValue(dependent.Id, out List<Entity>? list))
        {
            list = NewList();
            _dependsOn.Add(dependent.Id, list);
        }

        if (list.Contains(dependency))
        {
            return false;
        }

        list.Add(dependency);
        if (!_dependents.TryGetValue(dependency.Id, out List<Entity>? back))
        {
            back = NewList();
            _dependents.Add(dependency.Id, back);
        }

        back.Add(dependent);
        return true;
    }

    /// <summary>Removes the edge; false when there was none.</summary>
    public bool Remove(Entity dependent, Entity dependency)
    {
        if (!_dependsOn.TryGetValue(dependent.Id, out List<Entity>? list) || !list.Remove(dependency))
        {
            return false;
        }

        if (list.Count == 0)
        {
            _dependsOn.Remove(dependent.Id);
            Recycle(list);
        }

        RemoveDependent(dependency, dependent);
        return true;
    }

    /// <summary>A resource leaves the world: its own edges go; returns what it depended on (to notify them), a list to
    /// give back with <see cref="Recycle"/> once read.</summary>
    public List<Entity>? Forget(Entity dependent)
    {
        if (!_dependsOn.Remove(dependent.Id, out List<Entity>? list))
        {
            return null;
        }

        foreach (Entity dependency in list)
        {
            RemoveDependent(dependency, dependent);
        }

        return list;
    }

    private void RemoveDependent(Entity dependency, Entity dependent)
    {
        List<Entity> back = _dependents[dependency.Id];
        back.Remove(dependent);
        if (back.Count == 0)
        {
            _dependents.Remove(dependency.Id);
            Recycle(back);
        }
    }

    /// <summary>Takes back an edge list nobody reads any more.</summary>
    public void Recycle(List<Entity> list)
    {
        list.Clear();
        _spareLists.Push(list);
    }

    private List<Entity> NewList() => _spareLists.TryPop(out List<Entity>? list) ? list : [];

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

            // The list itself, not the IReadOnlyList view: its struct enumerator allocates nothing per step of the walk.
            if (!_dependsOn.TryGetValue(node.Id, out List<Entity>? dependencies))
            {
                continue;
            }

            foreach (Entity dependency in dependencies)
            {
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
