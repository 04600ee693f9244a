using Engine.Resources.Ecs;
using Engine.Resources.Ownership;

namespace Engine.Resources;

/// <summary>Enumerates the ancestors of a resource, nearest first, without allocating.</summary>
public readonly struct AncestorsOfResource
{
    private readonly Hierarchy _hierarchy;
    private readonly Entity _start;
    private readonly int _registryId;

    internal AncestorsOfResource(Hierarchy hierarchy, Entity start, int registryId)
    {
        _registryId = registryId;
        _hierarchy = hierarchy;
        _start = start;
    }

    public Enumerator GetEnumerator() => new(_hierarchy, _start, _registryId);

    public struct Enumerator
    {
        private readonly Hierarchy _hierarchy;
        private readonly int _registryId;
        private Entity _current;

        internal Enumerator(Hierarchy hierarchy, Entity start, int registryId)
        {
            _registryId = registryId;
            _hierarchy = hierarchy;
            _current = start;
        }

        public readonly ResourceHandle Current => new(_current, _registryId);

        public bool MoveNext()
        {
            _current = _hierarchy.ParentOf(_current);
            return !_current.IsNull;
        }
    }
}
