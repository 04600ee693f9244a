using Engine.Resources.Ecs;
using Engine.Resources.Identity;

namespace Engine.Resources;

/// <summary>Enumerates every live resource handle without allocating.</summary>
public readonly struct LiveResources
{
    private readonly World _world;
    private readonly ComponentPool<ResourceRecord> _meta;
    private readonly int _registryId;

    internal LiveResources(World world, ComponentPool<ResourceRecord> meta, int registryId)
    {
        _registryId = registryId;
        _world = world;
        _meta = meta;
    }

    /// <summary>How many resources are live, which is how many handles an enumeration yields.</summary>
    public int Count => _meta.Count;

    /// <summary>Returns an enumerator over the live resources; do not create or destroy resources while it
    /// runs.</summary>
    public Enumerator GetEnumerator() => new(_world, _meta, _registryId);

    /// <summary>Walks the registry's resource records; a ref struct, so it stays on the stack and allocates
    /// nothing.</summary>
    public ref struct Enumerator
    {
        private readonly World _world;
        private readonly int _registryId;
        private ComponentPool<ResourceRecord>.IdEnumerator _ids;

        internal Enumerator(World world, ComponentPool<ResourceRecord> meta, int registryId)
        {
            _registryId = registryId;
            _world = world;
            _ids = meta.GetIds();
        }

        /// <summary>The live resource reached by the last <see cref="MoveNext"/> call.</summary>
        public readonly ResourceHandle Current => new(_world.EntityAt(_ids.Current), _registryId);

        /// <summary>Advances to the next live resource; false when every one has been visited.</summary>
        public bool MoveNext() => _ids.MoveNext();
    }
}
