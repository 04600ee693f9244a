using Engine.Resources.Ecs;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>
    /// Records that <paramref name="dependent"/> must be destroyed before <paramref name="dependency"/>, besides its
    /// parent (a swapchain before its surface). The dependency is then never destroyed while the dependent lives: a
    /// request for it, cascade included, leaves it blocked until the dependent is gone, and <see cref="GetBlockers"/>
    /// names the dependent (<see cref="BlockReason.Dependent"/>). A cascade does not reach the dependents: they belong
    /// to their own parents. Rejected with a <see cref="ResourceHierarchyException"/>, changing nothing, when the edge
    /// would close a cycle across parent and dependency edges (the dependency already has to go first, e.g. it is
    /// the dependent's descendant), or when the dependency is no longer alive. Returns false when the edge exists.
    /// </summary>
    public bool AddDependency(ResourceHandle dependent, ResourceHandle dependency)
    {
        CheckMutable();
        EnsureAlive(dependent);
        EnsureAlive(dependency);
        var state = StateForNewChildren(dependency.Entity);
        if (state != ResourceState.Alive)
        {
            throw new ResourceHierarchyException(
                $"{nameof(AddDependency)}: {_identity.Describe(dependent.Entity)} cannot depend on {_identity.Describe(dependency.Entity)}: it is being destroyed ({state}).");
        }

        if (Dependencies.MustPrecede(dependency.Entity, dependent.Entity))
        {
            throw new ResourceHierarchyException(dependent == dependency
                ? $"{nameof(AddDependency)}: {_identity.Describe(dependent.Entity)} cannot depend on itself."
                : $"{nameof(AddDependency)}: {_identity.Describe(dependent.Entity)} cannot depend on {_identity.Describe(dependency.Entity)}: that one already has to be destroyed before it (a descendant, or through other dependencies), so the edge would create a cycle.");
        }

        return Dependencies.Add(dependent.Entity, dependency.Entity);
    }

    /// <summary>Removes a dependency edge; a dependency that was blocked only by it is destroyed at the next update.
    /// A placement of <paramref name="dependent"/> in <paramref name="dependency"/> (<see cref="SetPlacement"/>) goes
    /// with it. Returns false when there was no such edge.</summary>
    public bool RemoveDependency(ResourceHandle dependent, ResourceHandle dependency)
    {
        CheckMutable();
        EnsureAlive(dependent);
        EnsureAlive(dependency);
        if (!Dependencies.Remove(dependent.Entity, dependency.Entity))
        {
            return false;
        }

        _identity.Placements.ForgetIfIn(dependent.Entity.Id, dependency.Entity);
        _destruction.OnDependentRemoved(dependency.Entity);
        return true;
    }

    /// <summary>What <paramref name="handle"/> depends on besides its parent.</summary>
    public IReadOnlyList<ResourceHandle> DependenciesOf(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        return [.. Dependencies.Of(handle.Entity).Select(Handle)];
    }

    /// <summary>What depends on <paramref name="handle"/> (and so keeps it alive) besides its children.</summary>
    public IReadOnlyList<ResourceHandle> DependentsOf(ResourceHandle handle)
    {
        CheckOwner();
        EnsureAlive(handle);
        return [.. Dependencies.DependentsOf(handle.Entity).Select(Handle)];
    }
}
