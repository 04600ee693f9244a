using Engine.Resources.Identity;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>
    /// Records that <paramref name="resource"/> occupies bytes [<paramref name="offset"/>, offset + its size) of
    /// <paramref name="container"/> (a sub-allocation in its memory block), for diagnostics: snapshots carry it and the
    /// tools sum what each container holds (its used and free bytes, its fragmentation). The one rule: the resource
    /// must already depend on the container (<see cref="AddDependency"/>), so the container outlives the placement and
    /// a snapshot never names a container that is gone. Placing a resource again replaces its placement; it is forgotten
    /// when the resource is destroyed, or when the dependency on its container is removed. Rejected, changing nothing,
    /// with an <see cref="ArgumentOutOfRangeException"/> when <paramref name="offset"/> is outside 0 to
    /// <see cref="MaxSizeBytes"/>, a <see cref="ResourceHierarchyException"/> when the resource does not depend on the
    /// container (or is the container), and the usual stale or foreign handle errors. Allocation-free once the table
    /// has held as many placements as the program keeps at once.
    /// </summary>
    public void SetPlacement(ResourceHandle resource, ResourceHandle container, long offset)
    {
        CheckMutable();
        EnsureAlive(resource);
        EnsureAlive(container);
        if (offset < 0 || offset > MaxSizeBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset,
                $"{nameof(SetPlacement)}: the offset of {_identity.Describe(resource.Entity)} in {_identity.Describe(container.Entity)} must be between 0 and {MaxSizeBytes:N0} bytes (1 TiB).");
        }

        if (!Dependencies.Has(resource.Entity, container.Entity))
        {
            throw new ResourceHierarchyException(resource == container
                ? $"{nameof(SetPlacement)}: {_identity.Describe(resource.Entity)} cannot be placed in itself."
                : $"{nameof(SetPlacement)}: {_identity.Describe(resource.Entity)} cannot be placed in {_identity.Describe(container.Entity)}: it does not depend on it; call {nameof(AddDependency)}(resource, container) first, so the container outlives what it holds.");
        }

        _identity.Placements.Set(resource.Entity.Id, container.Entity, offset);
    }

    /// <summary>Where <paramref name="resource"/> sits (<see cref="SetPlacement"/>), or null when it was not placed.</summary>
    public ResourcePlacement? PlacementOf(ResourceHandle resource)
    {
        CheckOwner();
        EnsureAlive(resource);
        return PlacementAt(resource.Entity.Id);
    }

    private ResourcePlacement? PlacementAt(int slot) =>
        _identity.Placements.Count != 0 && _identity.Placements.TryGet(slot, out Ecs.Entity container, out long offset)
            ? new ResourcePlacement(Handle(container), offset)
            : null;
}
