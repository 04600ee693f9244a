using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>Enumerates every live resource handle without allocating.</summary>
public readonly struct LiveResources
{
    private readonly World _world;
    private readonly int _registryId;

    internal LiveResources(World world, int registryId)
    {
        _registryId = registryId;
        _world = world;
    }

    /// <summary>How many resources are live, which is how many handles an enumeration yields.</summary>
    public int Count => _world.AliveCount;

    /// <summary>Returns an enumerator over the live resources, in slot order; do not create or destroy resources while
    /// it runs.</summary>
    public Enumerator GetEnumerator() => new(_world, _registryId);

    /// <summary>Scans the world's slots for live ones; a ref struct, so it stays on the stack and allocates
    /// nothing.</summary>
    public ref struct Enumerator
    {
        private readonly World _world;
        private readonly int _registryId;
        private readonly int _end;
        private int _slot;

        internal Enumerator(World world, int registryId)
        {
            _registryId = registryId;
            _world = world;
            _end = world.Capacity;
            _slot = -1;
        }

        /// <summary>The live resource reached by the last <see cref="MoveNext"/> call.</summary>
        public readonly ResourceHandle Current => new(_world.EntityAt(_slot), _registryId);

        /// <summary>Advances to the next live resource; false when every one has been visited.</summary>
        public bool MoveNext()
        {
            while (++_slot < _end)
            {
                if (_world.IsSlotAlive(_slot))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
