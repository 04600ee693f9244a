using System.Runtime.CompilerServices;

namespace Engine.Resources.Ecs;

/// <summary>
/// A sparse set of components of one type.
/// Invariants: for every i &lt; Count, <c>_sparse[_ids[i]] == i + 1</c>; an id not in the set has <c>_sparse[id] == 0</c>
/// (or lies past the sparse array). Storing index + 1 lets fresh, zeroed arrays mean "absent" with no fill pass.
/// Components are packed in <c>_dense</c>, so iteration touches only present components; removal swaps the last one
/// into the hole, which is O(1) and keeps the array packed.
/// </summary>
internal sealed class ComponentPool<T> : IComponentPool where T : struct
{
    private int[] _sparse = new int[64];
    private T[] _dense = new T[16];
    private int[] _ids = new int[16];
    private int _count;

    public int Count => _count;

    /// <summary>The packed components; only the first <see cref="Count"/> are meaningful.</summary>
    public Span<T> Components => _dense.AsSpan(0, _count);

    /// <summary>The entity ids owning <see cref="Components"/>, index for index.</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, _count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(int id) => (uint)id < (uint)_sparse.Length && _sparse[id] != 0;

    /// <summary>The component of <paramref name="id"/>; the caller guarantees it is present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get(int id) => ref _dense[_sparse[id] - 1];

    public ref T Add(int id, in T value)
    {
        if (id >= _sparse.Length)
        {
            Array.Resize(ref _sparse, Math.Max(id + 1, _sparse.Length * 2));
        }

        if (_count == _dense.Length)
        {
            Array.Resize(ref _dense, _count * 2);
            Array.Resize(ref _ids, _count * 2);
        }

        int index = _count++;
        _dense[index] = value;
        _ids[index] = id;
        _sparse[id] = index + 1;
        return ref _dense[index];
    }

    public void Remove(int id)
    {
        int index = _sparse[id] - 1;
        int last = --_count;
        if (index != last)
        {
            int movedId = _ids[last];
            _dense[index] = _dense[last];
            _ids[index] = movedId;
            _sparse[movedId] = index + 1;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _dense[last] = default; // do not keep the removed component's references alive
        }

        _sparse[id] = 0;
    }

    /// <summary>Grows the arrays ahead of time so that later adds up to these sizes do not allocate.</summary>
    public void Reserve(int maxId, int count)
    {
        if (maxId >= _sparse.Length)
        {
            Array.Resize(ref _sparse, maxId + 1);
        }

        if (count > _dense.Length)
        {
            Array.Resize(ref _dense, count);
            Array.Resize(ref _ids, count);
        }
    }
}
