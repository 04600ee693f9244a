using System.Runtime.CompilerServices;

namespace Engine.Resources.Ecs;

/// <summary>The untyped face of a <see cref="PagedColumn{T}"/>.</summary>
internal abstract class PagedColumn
{
    protected PagedColumn(int typeId) => TypeId = typeId;

    /// <summary>The component type id (<see cref="ComponentType{T}.Id"/>) of the column's type.</summary>
    public int TypeId { get; }

    /// <summary>Whether an entry must be cleared when given up (the type holds references the GC would keep alive).</summary>
    public abstract bool ClearsOnRelease { get; }

    /// <summary>Forgets the value of <paramref name="id"/> (clears it when it holds references; otherwise nothing).</summary>
    public abstract void Release(int id);
}

/// <summary>
/// Components of one type indexed by entity id, in pages of <see cref="PageSize"/> entries allocated the first time an
/// id in their range gets one. Unlike a sparse set, storing or giving up a value touches no other entity's entry (no
/// swap-remove), and access is one page index and one element index. The column does not record presence: its owner
/// knows which entities have a value (the registry: a resource's kind names its payload type), so nothing is stored
/// per entity beyond the value itself. Pages are kept once allocated, so churn in a page never allocates.
/// </summary>
internal sealed class PagedColumn<T> : PagedColumn where T : struct
{
    public const int PageShift = 10;
    public const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;

    private T[]?[] _pages = new T[]?[4];

    public PagedColumn(int typeId)
        : base(typeId)
    {
    }

    public override bool ClearsOnRelease => RuntimeHelpers.IsReferenceOrContainsReferences<T>();

    /// <summary>The value of <paramref name="id"/>; the caller guarantees it was stored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get(int id) => ref _pages[id >> PageShift]![id & PageMask];

    /// <summary>Stores the value of <paramref name="id"/>, allocating its page the first time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int id, in T value)
    {
        int page = id >> PageShift;
        T[]?[] pages = _pages;
        if ((uint)page < (uint)pages.Length && pages[page] is { } items)
        {
            items[id & PageMask] = value;
            return;
        }

        SetInNewPage(id, value);
    }

    public override void Release(int id)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Get(id) = default; // do not keep the released value's references alive
        }
    }

    /// <summary>Allocates the pages that ids below <paramref name="maxId"/> need, so that storing them allocates nothing.</summary>
    public void Reserve(int minId, int maxId)
    {
        for (int page = minId >> PageShift; page <= (maxId - 1) >> PageShift && maxId > 0; page++)
        {
            PageAt(page);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetInNewPage(int id, in T value) => PageAt(id >> PageShift)[id & PageMask] = value;

    private T[] PageAt(int page)
    {
        if (page >= _pages.Length)
        {
            Array.Resize(ref _pages, Math.Max(page + 1, _pages.Length * 2));
        }

        return _pages[page] ??= new T[PageSize];
    }
}
