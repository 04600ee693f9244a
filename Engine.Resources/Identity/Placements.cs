using Engine.Resources.Ecs;

namespace Engine.Resources.Identity;

/// <summary>
/// Where placed resources sit: "slot S occupies bytes [offset, offset + its size) of container C"
/// (<see cref="ResourceRegistry.SetPlacement"/>). A side table keyed by slot holding placed resources only, so a
/// resource that is not placed costs nothing and a registry that places nothing pays one count check per destroyed
/// resource. Entries are overwritten and removed in place: once the table has held the most placements a program keeps
/// at once, placing and forgetting (a sub-allocation per frame) allocates nothing.
/// </summary>
internal sealed class Placements
{
    private readonly Dictionary<int, (Entity Container, long Offset)> _bySlot = [];

    /// <summary>Placed resources alive now.</summary>
    public int Count => _bySlot.Count;

    public void Set(int slot, Entity container, long offset) => _bySlot[slot] = (container, offset);

    public bool TryGet(int slot, out Entity container, out long offset)
    {
        bool found = _bySlot.TryGetValue(slot, out (Entity Container, long Offset) placement);
        (container, offset) = placement;
        return found;
    }

    /// <summary>The resource left the world (the destroy path: no registry call, no allocation).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Forget(int slot)
    {
        if (_bySlot.Count != 0)
        {
            _bySlot.Remove(slot);
        }
    }

    /// <summary>The resource no longer depends on <paramref name="container"/>: a placement in it would outlive the
    /// guarantee that the container outlives the resource, so it goes too.</summary>
    public void ForgetIfIn(int slot, Entity container)
    {
        if (_bySlot.TryGetValue(slot, out (Entity Container, long Offset) placement) && placement.Container == container)
        {
            _bySlot.Remove(slot);
        }
    }
}
