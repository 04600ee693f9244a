using Engine.Resources.Ecs;

namespace Engine.Resources.Ownership;

/// <summary>
/// The one place that writes <see cref="Parent"/> and <see cref="Children"/>, so the two sides of an ownership link
/// never disagree. Invariants: a node's parent lists it exactly once among its children; Children.Count equals the
/// length of the sibling list; following parents from any node reaches a root (no cycles).
/// </summary>
public sealed class Hierarchy
{
    private readonly World _world;
    private readonly ComponentPool<Parent> _parents;
    private readonly ComponentPool<Children> _children;
    private readonly Func<Entity, string> _describe;
    private Entity[] _walkStack = new Entity[64];
    private bool _walking;

    /// <param name="describe">Names an entity in error messages (e.g. kind, debug name and handle).</param>
    public Hierarchy(World world, Func<Entity, string> describe)
    {
        _world = world;
        _parents = world.Pool<Parent>();
        _children = world.Pool<Children>();
        _describe = describe;
    }

    /// <summary>Gives a just-created entity its (empty) link components, as a root.</summary>
    public void AddNode(Entity entity)
    {
        _world.AddToNew(entity, _parents, default(Parent));
        _world.AddToNew(entity, _children, default(Children));
    }

    public Entity ParentOf(Entity entity) => _parents.Get(entity.Id).Owner;

    public int ChildCount(Entity entity) => _children.Get(entity.Id).ChildCount;

    public Entity FirstChild(Entity entity) => _children.Get(entity.Id).FirstChild;

    public Entity NextSibling(Entity entity) => _parents.Get(entity.Id).NextSibling;

    /// <summary>
    /// The nearest of <paramref name="start"/> and its ancestors that has component type <paramref name="typeId"/>
    /// (e.g. the device a buffer's destroy callback needs), or <see cref="Entity.Null"/>.
    /// </summary>
    public Entity FindSelfOrAncestorWith(Entity start, int typeId)
    {
        for (Entity e = start; !e.IsNull; e = _parents.Get(e.Id).Owner)
        {
            if (_world.HasType(e.Id, typeId))
            {
                return e;
            }
        }

        return Entity.Null;
    }

    /// <summary>
    /// The one subtree walker: visits <paramref name="root"/> and its descendants depth-first, each parent before its
    /// children, and descends into a node only when the visitor's <see cref="ISubtreeVisitor.Enter"/> says so.
    /// Iterative (any depth) and allocation-free once its stack has grown to the widest frontier seen. Walks do not
    /// nest: a visitor must not start another walk (a registry bug if it does, so it throws).
    /// </summary>
    public void Walk<TVisitor>(Entity root, ref TVisitor visitor) where TVisitor : struct, ISubtreeVisitor
    {
        if (_walking)
        {
            throw new InvalidOperationException("A subtree walk started inside another one; this is a registry bug.");
        }

        _walking = true;
        try
        {
            int count = 0;
            _walkStack[count++] = root;
            while (count > 0)
            {
                Entity node = _walkStack[--count];
                if (!visitor.Enter(node))
                {
                    continue;
                }

                for (Entity child = _children.Get(node.Id).FirstChild; !child.IsNull; child = _parents.Get(child.Id).NextSibling)
                {
                    if (count == _walkStack.Length)
                    {
                        Array.Resize(ref _walkStack, count * 2);
                    }

                    _walkStack[count++] = child;
                }
            }
        }
        finally
        {
            _walking = false;
        }
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="entity"/> itself or above it.</summary>
    public bool IsSelfOrAncestor(Entity ancestor, Entity entity)
    {
        for (Entity e = entity; !e.IsNull; e = _parents.Get(e.Id).Owner)
        {
            if (e == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Links a root under <paramref name="parent"/>, as its last child.</summary>
    public void Attach(Entity child, Entity parent)
    {
        ref Parent link = ref _parents.Get(child.Id);
        if (!link.Owner.IsNull)
        {
            throw new ResourceHierarchyException($"{_describe(child)} already has a parent, {_describe(link.Owner)}.");
        }

        ref Children list = ref _children.Get(parent.Id);
        link.Owner = parent;
        link.PreviousSibling = list.LastChild;
        link.NextSibling = Entity.Null;
        if (list.LastChild.IsNull)
        {
            list.FirstChild = child;
        }
        else
        {
            _parents.Get(list.LastChild.Id).NextSibling = child;
        }

        list.LastChild = child;
        list.ChildCount++;
    }

    /// <summary>Unlinks a node from its parent, making it a root; returns the former parent (null for a root).</summary>
    public Entity Detach(Entity child)
    {
        ref Parent link = ref _parents.Get(child.Id);
        Entity owner = link.Owner;
        if (owner.IsNull)
        {
            return owner;
        }

        ref Children list = ref _children.Get(link.Owner.Id);
        if (link.PreviousSibling.IsNull)
        {
            list.FirstChild = link.NextSibling;
        }
        else
        {
            _parents.Get(link.PreviousSibling.Id).NextSibling = link.NextSibling;
        }

        if (link.NextSibling.IsNull)
        {
            list.LastChild = link.PreviousSibling;
        }
        else
        {
            _parents.Get(link.NextSibling.Id).PreviousSibling = link.PreviousSibling;
        }

        list.ChildCount--;
        link = default;
        return owner;
    }

    /// <summary>Throws, naming both, when moving <paramref name="child"/> under <paramref name="newParent"/> would create a cycle.</summary>
    public void EnsureCanMove(Entity child, Entity newParent)
    {
        if (!newParent.IsNull && IsSelfOrAncestor(child, newParent))
        {
            throw new ResourceHierarchyException(child == newParent
                ? $"Cannot make {_describe(child)} its own parent: ownership must stay a forest."
                : $"Cannot move {_describe(child)} under {_describe(newParent)}: it is an ancestor of it, and the move would create an ownership cycle.");
        }
    }

    /// <summary>
    /// Moves <paramref name="child"/> (with its subtree) under <paramref name="newParent"/>, or makes it a root when
    /// that is null. A move that would make the child its own ancestor is rejected and changes nothing.
    /// </summary>
    public void SetParent(Entity child, Entity newParent)
    {
        EnsureCanMove(child, newParent);
        if (ParentOf(child) == newParent)
        {
            return;
        }

        Detach(child);
        if (!newParent.IsNull)
        {
            Attach(child, newParent);
        }
    }
}
