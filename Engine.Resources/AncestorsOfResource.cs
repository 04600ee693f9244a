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

    /// <summary>Returns an enumerator that walks from the resource's parent up to its root.</summary>
    public Enumerator GetEnumerator() => new(_hierarchy, _start, _registryId);

    /// <summary>Follows the parent links one step per <see cref="MoveNext"/>; a struct, so <c>foreach</c> allocates
    /// nothing.</summary>
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

        /// <summary>The ancestor reached by the last <see cref="MoveNext"/> call.</summary>
        public readonly ResourceHandle Current => new(_current, _registryId);

        /// <summary>Moves one level up (the first call goes to the resource's parent); false once the root has been
        /// passed.</summary>
        public bool MoveNext()
        {
            _current = _hierarchy.ParentOf(_current);
            return !_current.IsNull;
        }
    }
}
