using System.Runtime.CompilerServices;
using Engine.Resources.Ecs;

namespace Engine.Resources.Ownership;

/// <summary>
/// The one place that writes <see cref="Links"/>, so the two sides of an ownership link never disagree. Invariants:
/// a node's parent lists it exactly once among its children; ChildCount equals the length of the sibling list;
/// following parents from any node reaches a root (no cycles). Also the one subtree walker and the one ancestor
/// search. Links live in each resource's <see cref="ResourceRecord"/>; a new record is a root with no children.
/// </summary>
internal sealed class Hierarchy
{
    private readonly World _world;
    private readonly ComponentPool<ResourceRecord> _records;
    private readonly Func<Entity, string> _describe;
    private int[] _walkStack = new int[64];
    private bool _walking;

    /// <param name="world">The world whose entities the links connect.</param>
    /// <param name="describe">Names an entity in error messages (e.g. kind, debug name and handle).</param>
    public Hierarchy(World world, Func<Entity, string> describe)
    {
        _world = world;
        _records = world.Pool<ResourceRecord>();
        _describe = describe;
    }

    public Entity ParentOf(Entity entity) => At(LinksOf(entity.Id).Parent);

    public int ChildCount(Entity entity) => LinksOf(entity.Id).ChildCount;

    public Entity FirstChild(Entity entity) => At(LinksOf(entity.Id).First);

    public Entity NextSibling(Entity entity) => At(LinksOf(entity.Id).Next);

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="entity"/> itself or above it.</summary>
    public bool IsSelfOrAncestor(Entity ancestor, Entity entity)
    {
        int target = ancestor.Id + 1;
        for (int e = entity.Id + 1; e != 0; e = LinksOf(e - 1).Parent)
        {
            if (e == target)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The nearest of <paramref name="start"/> and its ancestors that has component type <paramref name="typeId"/>
    /// (e.g. the device a buffer's destroy callback needs), or <see cref="Entity.Null"/>.
    /// </summary>
    public Entity FindSelfOrAncestorWith(Entity start, int typeId)
    {
        if (start.IsNull)
        {
            return Entity.Null;
        }

        for (int e = start.Id + 1; e != 0; e = LinksOf(e - 1).Parent)
        {
            if (_world.HasType(e - 1, typeId))
            {
                return _world.EntityAt(e - 1);
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
            _walkStack[count++] = root.Id;
            while (count > 0)
            {
                int node = _walkStack[--count];
                if (!visitor.Enter(_world.EntityAt(node)))
                {
                    continue;
                }

                for (int child = LinksOf(node).First; child != 0; child = LinksOf(child - 1).Next)
                {
                    if (count == _walkStack.Length)
                    {
                        Array.Resize(ref _walkStack, count * 2);
                    }

                    _walkStack[count++] = child - 1;
                }
            }
        }
        finally
        {
            _walking = false;
        }
    }

    /// <summary>Links a root under <paramref name="parent"/>, as its last child.</summary>
    public void Attach(Entity child, Entity parent)
    {
        ref Links link = ref LinksOf(child.Id);
        if (link.Parent != 0)
        {
            throw new ResourceHierarchyException($"{_describe(child)} already has a parent, {_describe(ParentOf(child))}.");
        }

        ref Links list = ref LinksOf(parent.Id);
        link.Parent = parent.Id + 1;
        link.Previous = list.Last;
        link.Next = 0;
        if (list.Last == 0)
        {
            list.First = child.Id + 1;
        }
        else
        {
            LinksOf(list.Last - 1).Next = child.Id + 1;
        }

        list.Last = child.Id + 1;
        list.ChildCount++;
    }

    /// <summary>Unlinks a node from its parent, making it a root; returns the former parent (null for a root).</summary>
    public Entity Detach(Entity child)
    {
        ref Links link = ref LinksOf(child.Id);
        int owner = link.Parent;
        if (owner == 0)
        {
            return Entity.Null;
        }

        ref Links list = ref LinksOf(owner - 1);
        if (link.Previous == 0)
        {
            list.First = link.Next;
        }
        else
        {
            LinksOf(link.Previous - 1).Next = link.Next;
        }

        if (link.Next == 0)
        {
            list.Last = link.Previous;
        }
        else
        {
            LinksOf(link.Next - 1).Previous = link.Previous;
        }

        list.ChildCount--;
        link.Parent = 0;
        link.Previous = 0;
        link.Next = 0;
        return _world.EntityAt(owner - 1);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Links LinksOf(int id) => ref _records.Get(id).Links;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entity At(int slotPlusOne) => slotPlusOne == 0 ? Entity.Null : _world.EntityAt(slotPlusOne - 1);
}
