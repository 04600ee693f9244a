using System.Runtime.CompilerServices;

namespace Engine.Resources.Ecs;

/// <summary>
/// The components of one type that only some entities have, as a sparse set: components are packed in
/// <c>_dense</c>; for every i &lt; Count, <c>_sparse[_ids[i]] == i + 1</c>, and an absent id has
/// <c>_sparse[id] == 0</c> (index + 1, so fresh zeroed arrays mean "absent" with no fill pass). Removal moves the
/// last component into the hole: O(1), and the array stays packed for iteration. (Components whose owner knows who
/// has them, such as registry payloads, live in a <see cref="PagedColumn{T}"/> instead.)
/// </summary>
internal sealed class ComponentPool<T> : ComponentPool where T : struct
{
    private int[] _sparse = new int[64];
    private T[] _dense;
    private int[] _ids;
    private int _count;

    public ComponentPool()
        : base(ComponentType<T>.Id)
    {
        _dense = new T[16];
        _ids = new int[16];
    }

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool Has(int id) => (uint)id < (uint)_sparse.Length && _sparse[id] != 0;

    /// <summary>The component of <paramref name="id"/>; the caller guarantees it is present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get(int id) => ref _dense[_sparse[id] - 1];

    public ref T Add(int id, in T value)
    {
        if (id >= _sparse.Length)
        {
            Array.Resize(ref _sparse, Math.Max(id + 1, _sparse.Length * 2));
        }

        _count++;
        int index = _count - 1;
        if (index == _dense.Length)
        {
            Array.Resize(ref _dense, index * 2);
            Array.Resize(ref _ids, index * 2);
        }

        _dense[index] = value;
        _ids[index] = id;
        _sparse[id] = index + 1;
        return ref _dense[index];
    }

    public override void Remove(int id)
    {
        _count--;
        int index = _sparse[id] - 1;
        int last = _count;
        if (index != last)
        {
            int movedId = _ids[last];
            _dense[index] = _dense[last];
            _ids[index] = movedId;
            _sparse[movedId] = index + 1;
        }

        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _dense[last] = default;
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

    /// <summary>The ids that have a component, in storage order. Do not add or remove while enumerating.</summary>
    public IdEnumerator GetIds() => new(this);

    /// <summary>Enumerates present ids: the packed id list.</summary>
    public ref struct IdEnumerator
    {
        private readonly ReadOnlySpan<int> _source;
        private int _index;

        internal IdEnumerator(ComponentPool<T> pool)
        {
            _source = pool._ids.AsSpan(0, pool._count);
            _index = -1;
        }

        public readonly int Current => _source[_index];

        public readonly IdEnumerator GetEnumerator() => this;

        public bool MoveNext() => ++_index < _source.Length;
    }
}
