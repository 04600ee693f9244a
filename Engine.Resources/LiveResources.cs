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

    public int Count => _meta.Count;

    public Enumerator GetEnumerator() => new(_world, _meta, _registryId);

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

        public readonly ResourceHandle Current => new(_world.EntityAt(_ids.Current), _registryId);

        public bool MoveNext() => _ids.MoveNext();
    }
}
