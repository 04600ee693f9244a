using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>Enumerates every live resource handle without allocating.</summary>
public readonly struct LiveResources
{
    private readonly World _world;
    private readonly ComponentPool<ResourceMeta> _meta;

    internal LiveResources(World world, ComponentPool<ResourceMeta> meta)
    {
        _world = world;
        _meta = meta;
    }

    public int Count => _meta.Count;

    public Enumerator GetEnumerator() => new(_world, _meta);

    public ref struct Enumerator
    {
        private readonly World _world;
        private readonly ReadOnlySpan<int> _ids;
        private int _index;

        internal Enumerator(World world, ComponentPool<ResourceMeta> meta)
        {
            _world = world;
            _ids = meta.Ids;
            _index = -1;
        }

        public readonly ResourceHandle Current => new(_world.EntityAt(_ids[_index]));

        public bool MoveNext() => ++_index < _ids.Length;
    }
}
