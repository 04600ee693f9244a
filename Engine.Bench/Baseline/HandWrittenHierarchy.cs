namespace Engine.Bench.Baseline;

/// <summary>
/// The hierarchy a competent engine programmer writes by hand without this library, the second same-run baseline:
/// payloads and parents in plain arrays indexed by slot, a <see cref="List{T}"/> of child slots per node (kept with
/// its slot and cleared, so steady state allocates nothing), generational handles, a LIFO free list, and an explicit
/// post-order destroy of a subtree with an explicit stack. No blocking, no GPU waits, no request queue, no names, no
/// checks beyond the handle's version: what the registry's guarantees cost is the ratio to this.
/// </summary>
public sealed class HandWrittenHierarchy<T> where T : struct
{
    private readonly NaiveDestroyCallback<T>? _destroy;
    private T[] _payloads = new T[64];
    private int[] _parents = new int[64];   // slot + 1 of the parent, 0 for a root
    private int[] _versions = new int[64];  // > 0 alive; < 0 free, -value is the next version
    private List<int>?[] _children = new List<int>?[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _highWater;
    private int[] _order = new int[256];
    private int[] _stack = new int[256];

    public HandWrittenHierarchy(NaiveDestroyCallback<T>? destroy = null) => _destroy = destroy;

    public int Count { get; private set; }

    /// <summary>Room for <paramref name="count"/> slots, as an engine would size its arrays up front.</summary>
    public void Reserve(int count)
    {
        if (count > _versions.Length)
        {
            Array.Resize(ref _payloads, count);
            Array.Resize(ref _parents, count);
            Array.Resize(ref _versions, count);
            Array.Resize(ref _children, count);
            Array.Resize(ref _free, count);
        }
    }

    public HandWrittenHandle Create(in T payload, HandWrittenHandle parent = default)
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
            _versions[slot] = -_versions[slot];
        }
        else
        {
            slot = _highWater++;
            if (slot == _versions.Length)
            {
                Reserve(slot * 2);
            }

            _versions[slot] = 1;
        }

        _payloads[slot] = payload;
        _parents[slot] = parent.IsNull ? 0 : parent.Slot + 1;
        if (!parent.IsNull)
        {
            (_children[parent.Slot] ??= new List<int>()).Add(slot);
        }

        Count++;
        return new HandWrittenHandle(slot, _versions[slot]);
    }

    public bool IsAlive(HandWrittenHandle handle) =>
        !handle.IsNull && (uint)handle.Slot < (uint)_versions.Length && _versions[handle.Slot] == handle.Version;

    /// <summary>Destroys <paramref name="root"/> and its subtree at once, children first. Returns how many went.</summary>
    public int Destroy(HandWrittenHandle root)
    {
        if (!IsAlive(root))
        {
            return 0;
        }

        // Pre-order into a list, then backwards: every node comes after all of its descendants.
        int count = 0;
        int top = 0;
        _stack[top++] = root.Slot;
        while (top > 0)
        {
            int slot = _stack[--top];
            if (count == _order.Length)
            {
                Array.Resize(ref _order, count * 2);
            }

            _order[count++] = slot;
            if (_children[slot] is { Count: > 0 } children)
            {
                if (top + children.Count > _stack.Length)
                {
                    Array.Resize(ref _stack, Math.Max(_stack.Length * 2, top + children.Count));
                }

                foreach (int child in children)
                {
                    _stack[top++] = child;
                }
            }
        }

        if (_parents[root.Slot] is > 0 and var parentPlusOne)
        {
            _children[parentPlusOne - 1]!.Remove(root.Slot);
        }

        for (int i = count - 1; i >= 0; i--)
        {
            int slot = _order[i];
            _destroy?.Invoke(ref _payloads[slot]);
            _children[slot]?.Clear();
            _payloads[slot] = default;
            _versions[slot] = -(_versions[slot] + 1);
            _free[_freeCount++] = slot;
        }

        Count -= count;
        return count;
    }
}

/// <summary>A hand-written generational handle: slot and version.</summary>
public readonly record struct HandWrittenHandle(int Slot, int Version)
{
    public bool IsNull => Version == 0;
}
