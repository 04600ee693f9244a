using Engine.Resources.Ecs;
using Engine.Resources.Ownership;

namespace Engine.Resources;

/// <summary>Enumerates the direct children of a resource through the sibling links, without allocating.</summary>
public readonly struct ChildrenOfResource
{
    private readonly Hierarchy _hierarchy;
    private readonly Entity _parent;
    private readonly int _registryId;

    internal ChildrenOfResource(Hierarchy hierarchy, Entity parent, int registryId)
    {
        _registryId = registryId;
        _hierarchy = hierarchy;
        _parent = parent;
    }

    /// <summary>Returns an enumerator over the direct children, oldest first.</summary>
    public Enumerator GetEnumerator() => new(_hierarchy, _hierarchy.OldestChild(_parent), _registryId);

    /// <summary>Follows the sibling links from the first child; a struct, so <c>foreach</c> allocates
    /// nothing.</summary>
    public struct Enumerator
    {
        private readonly Hierarchy _hierarchy;
        private readonly int _registryId;
        private Entity _next;
        private Entity _current;

        internal Enumerator(Hierarchy hierarchy, Entity first, int registryId)
        {
            _registryId = registryId;
            _hierarchy = hierarchy;
            _next = first;
            _current = Entity.Null;
        }

        /// <summary>The child reached by the last <see cref="MoveNext"/> call (a null handle before the first
        /// call).</summary>
        public readonly ResourceHandle Current => new(_current, _registryId);

        /// <summary>Advances to the next sibling (the first call to the first child); false when no child is
        /// left.</summary>
        public bool MoveNext()
        {
            if (_next.IsNull)
            {
                return false;
            }

            _current = _next;
            _next = _hierarchy.YoungerSibling(_current);
            return true;
        }
    }
}
