using Engine.Resources.Ecs;
using Engine.Resources.Ownership;

namespace Engine.Resources;

/// <summary>Enumerates the ancestors of a resource, nearest first, without allocating.</summary>
public readonly struct AncestorsOfResource
{
    private readonly Hierarchy _hierarchy;
    private readonly Entity _start;

    internal AncestorsOfResource(Hierarchy hierarchy, Entity start)
    {
        _hierarchy = hierarchy;
        _start = start;
    }

    public Enumerator GetEnumerator() => new(_hierarchy, _start);

    public struct Enumerator
    {
        private readonly Hierarchy _hierarchy;
        private Entity _current;

        internal Enumerator(Hierarchy hierarchy, Entity start)
        {
            _hierarchy = hierarchy;
            _current = start;
        }

        public readonly ResourceHandle Current => new(_current);

        public bool MoveNext()
        {
            _current = _hierarchy.ParentOf(_current);
            return !_current.IsNull;
        }
    }
}
