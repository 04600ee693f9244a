using Engine.Resources.Ecs;

namespace Engine.Resources.Destruction;

/// <summary>A growable list of entities that is cleared, not freed, between passes: it only grows to the largest pass.</summary>
internal sealed class WorkList
{
    private Entity[] _items = new Entity[256];

    public int Count { get; private set; }

    public Entity this[int index] => _items[index];

    public void Add(Entity entity)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = entity;
    }

    /// <summary>Reverses the entries from <paramref name="start"/> on (turns a pre-order walk into children-first order).</summary>
    public void ReverseFrom(int start) => _items.AsSpan(start, Count - start).Reverse();

    public void Clear() => Count = 0;
}
