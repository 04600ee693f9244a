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

    /// <summary>
    /// Moves <paramref name="child"/> (with its subtree) under <paramref name="newParent"/>, or makes it a root when
    /// that is null. A move that would make the child its own ancestor is rejected and changes nothing.
    /// </summary>
    public void SetParent(Entity child, Entity newParent)
    {
        if (!newParent.IsNull && IsSelfOrAncestor(child, newParent))
        {
            throw new ResourceHierarchyException(child == newParent
                ? $"Cannot make {_describe(child)} its own parent: ownership must stay a forest."
                : $"Cannot move {_describe(child)} under {_describe(newParent)}: it is an ancestor of it, and the move would create an ownership cycle.");
        }

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
