using Engine.Resources.Ecs;
using Engine.Resources.Ownership;

namespace Engine.Resources;

/// <summary>Enumerates the direct children of a resource through the sibling links, without allocating.</summary>
public readonly struct ChildrenOfResource
{
    private readonly Hierarchy _hierarchy;
    private readonly Entity _parent;

    internal ChildrenOfResource(Hierarchy hierarchy, Entity parent)
    {
        _hierarchy = hierarchy;
        _parent = parent;
    }

    public Enumerator GetEnumerator() => new(_hierarchy, _hierarchy.FirstChild(_parent));

    public struct Enumerator
    {
        private readonly Hierarchy _hierarchy;
        private Entity _next;
        private Entity _current;

        internal Enumerator(Hierarchy hierarchy, Entity first)
        {
            _hierarchy = hierarchy;
            _next = first;
            _current = Entity.Null;
        }

        public readonly ResourceHandle Current => new(_current);

        public bool MoveNext()
        {
            if (_next.IsNull)
            {
                return false;
            }

            _current = _next;
            _next = _hierarchy.NextSibling(_current);
            return true;
        }
    }
}
