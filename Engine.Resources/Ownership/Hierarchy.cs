using System.Diagnostics;
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
    private readonly ResourceRecords _records;
    private readonly Func<Entity, string> _describe;
    private int[] _walkStack = new int[64];
    private bool _walking;

    /// <param name="world">The world whose entities the links connect.</param>
    /// <param name="records">The per-resource records, where the links live.</param>
    /// <param name="describe">Names an entity in error messages (e.g. kind, debug name and handle).</param>
    public Hierarchy(World world, ResourceRecords records, Func<Entity, string> describe)
    {
        _world = world;
        _records = records;
        _describe = describe;
    }

    public Entity ParentOf(Entity entity) => At(LinksOf(entity.Id).Parent);

    public int ChildCount(Entity entity) => LinksOf(entity.Id).ChildCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ChildCountAt(int slot) => LinksOf(slot).ChildCount;

    /// <summary>The oldest child (the list's tail), or <see cref="Entity.Null"/>.</summary>
    public Entity OldestChild(Entity entity)
    {
        int first = LinksOf(entity.Id).First;
        return first == 0 ? Entity.Null : At(LinksOf(first - 1).Previous);
    }

    /// <summary>The next younger sibling (towards the list's head), or <see cref="Entity.Null"/> for the youngest.</summary>
    public Entity YoungerSibling(Entity entity)
    {
        ref Links link = ref LinksOf(entity.Id);
        return link.Parent == 0 || LinksOf(link.Parent - 1).First == entity.Id + 1 ? Entity.Null : At(link.Previous);
    }

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
    /// The nearest of <paramref name="start"/> and its ancestors whose payload is of component type
    /// <paramref name="typeId"/> (e.g. the device a buffer's destroy callback needs), or <see cref="Entity.Null"/>.
    /// Stops at <paramref name="stopAfter"/> when given (a subtree's root), so a search can stay inside a subtree.
    /// </summary>
    public Entity FindSelfOrAncestorWith(Entity start, int typeId, Entity stopAfter = default)
    {
        if (start.IsNull)
        {
            return Entity.Null;
        }

        int stop = stopAfter.IsNull ? 0 : LinksOf(stopAfter.Id).Parent;
        for (int e = start.Id + 1; e != stop; e = LinksOf(e - 1).Parent)
        {
            if (_records[e - 1].Meta.TypeId == typeId)
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

    /// <summary>
    /// The post-order walker: visits the descendants of <paramref name="root"/> (not the root), each node after all
    /// of its children, descending into a node only when the visitor says so. The visitor may remove the node it is
    /// leaving (<see cref="RemoveLeaf"/>): its successor and parent are read first. No stack: parent and sibling links
    /// are the way back up, so any depth costs nothing extra and walks of the other kind may run inside it (a destroy
    /// callback reading the forest).
    /// </summary>
    public void WalkBelow<TVisitor>(Entity root, ref TVisitor visitor) where TVisitor : struct, IPostOrderVisitor
    {
        int rootSlot = root.Id + 1;
        int node = LinksOf(root.Id).First;
        if (node == 0)
        {
            return;
        }

        while (true)
        {
            // Down to the first node whose children are not to be visited (a leaf, or one the visitor stops at). Each
            // node's next sibling is fetched on the way down: it is where the walk goes after the node's subtree.
            while (true)
            {
                ref Links links = ref LinksOf(node - 1);
                if (links.Next != 0)
                {
                    _records.Prefetch(links.Next - 1);
                }

                if (links.First == 0 || !visitor.Descend(node - 1))
                {
                    break;
                }

                node = links.First;
            }

            // Up: leave each node whose children are done, until one has a next sibling to go down from.
            while (true)
            {
                ref Links links = ref LinksOf(node - 1);
                int next = links.Next;
                int parent = links.Parent;
                visitor.Leave(node - 1);
                if (next != 0)
                {
                    node = next;
                    break;
                }

                if (parent == rootSlot)
                {
                    return;
                }

                node = parent;
            }
        }
    }

    /// <summary>Links a root under <paramref name="parent"/>, as its youngest child: at the head of the list, next to
    /// the sibling created just before it (the one most likely in the cache), so linking touches no other record.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Attach(Entity child, Entity parent)
    {
        ref Links link = ref LinksOf(child.Id);
        if (link.Parent != 0)
        {
            throw new ResourceHierarchyException($"{_describe(child)} already has a parent, {_describe(ParentOf(child))}.");
        }

        ref Links list = ref LinksOf(parent.Id);
        int slot = child.Id + 1;
        Debug.Assert(link.Next == 0 && link.Previous == 0, "a root to attach has no siblings");
        link.Parent = parent.Id + 1;
        if (list.First == 0)
        {
            link.Next = 0;
            link.Previous = slot; // the only child is its own tail
        }
        else
        {
            ref Links head = ref LinksOf(list.First - 1);
            link.Next = list.First;
            link.Previous = head.Previous; // the tail, which the head keeps
            head.Previous = slot;
        }

        list.First = slot;
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

        Unlink(child.Id, ref link, owner);
        link.Parent = 0;
        link.Previous = 0;
        link.Next = 0;
        return _world.EntityAt(owner - 1);
    }

    /// <summary>
    /// Takes a childless node that is about to leave the world out of its parent's list (a subtree walk removing
    /// what it destroys). Cheaper than <see cref="Detach"/>: the node's own links are left as they are, since its
    /// slot is freed next and reset when reused.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RemoveLeaf(int slot)
    {
        ref Links link = ref LinksOf(slot);
        if (link.Parent != 0)
        {
            Unlink(slot, ref link, link.Parent);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Unlink(int slot, ref Links link, int owner)
    {
        ref Links list = ref LinksOf(owner - 1);
        Debug.Assert(list.ChildCount > 0 && list.First != 0, "a linked child's parent lists no child");
        list.ChildCount--;
        if (list.First == slot + 1)
        {
            // The head: its successor (if any) becomes the head and inherits the pointer to the tail.
            list.First = link.Next;
            if (link.Next != 0)
            {
                LinksOf(link.Next - 1).Previous = link.Previous;
            }

            return;
        }

        LinksOf(link.Previous - 1).Next = link.Next;
        if (link.Next != 0)
        {
            LinksOf(link.Next - 1).Previous = link.Previous;
        }
        else
        {
            LinksOf(list.First - 1).Previous = link.Previous; // it was the tail
        }
    }

    /// <summary>Throws, naming both and <paramref name="member"/> (the public call), when moving
    /// <paramref name="child"/> under <paramref name="newParent"/> would create a cycle.</summary>
    public void EnsureCanMove(Entity child, Entity newParent, string member)
    {
        if (!newParent.IsNull && IsSelfOrAncestor(child, newParent))
        {
            throw new ResourceHierarchyException(child == newParent
                ? $"{member}: cannot make {_describe(child)} its own parent: ownership must stay a forest."
                : $"{member}: cannot move {_describe(child)} under {_describe(newParent)}: it is an ancestor of it, and the move would create an ownership cycle.");
        }
    }

    /// <summary>
    /// Moves <paramref name="child"/> (with its subtree) under <paramref name="newParent"/>, or makes it a root when
    /// that is null. A move that would make the child its own ancestor is rejected and changes nothing.
    /// </summary>
    public void SetParent(Entity child, Entity newParent)
    {
        EnsureCanMove(child, newParent, nameof(SetParent));
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
    private ref Links LinksOf(int id) => ref _records[id].Links;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Entity At(int slotPlusOne) => slotPlusOne == 0 ? Entity.Null : _world.EntityAt(slotPlusOne - 1);
}
