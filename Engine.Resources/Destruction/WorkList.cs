using Engine.Resources.Ecs;

namespace Engine.Resources.Destruction;

/// <summary>One entry of a <see cref="WorkList"/>: a resource to try, or the root of a cascade whose requested
/// subtree is destroyed in one walk before the root is tried.</summary>
internal readonly record struct WorkItem(Entity Entity, bool Subtree);

/// <summary>A growable list of work items that is cleared, not freed, between passes: it only grows to the largest pass.</summary>
internal sealed class WorkList
{
    private WorkItem[] _items = new WorkItem[256];

    public int Count { get; private set; }

    public WorkItem this[int index] => _items[index];

    /// <summary>A resource to try on its own.</summary>
    public void Add(Entity entity) => Add(new WorkItem(entity, Subtree: false));

    /// <summary>The root of a requested subtree: the subtree goes first, children first, then the root is tried.</summary>
    public void AddSubtree(Entity root) => Add(new WorkItem(root, Subtree: true));

    public void Clear() => Count = 0;

    private void Add(WorkItem item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = item;
    }
}
