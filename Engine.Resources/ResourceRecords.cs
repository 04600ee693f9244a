using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Engine.Resources;

/// <summary>
/// The <see cref="ResourceRecord"/> of every slot, indexed by entity id: one array, no presence table (the world's
/// version of a slot says whether it is in use). A record is reset when its slot gets a new resource.
/// </summary>
internal sealed class ResourceRecords
{
    private ResourceRecord[] _items = new ResourceRecord[64];

    /// <summary>The record of slot <paramref name="id"/> (below the world's capacity).</summary>
    public ref ResourceRecord this[int id]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _items[id];
    }

    /// <summary>How many slots have room for a record (other threads check a slot against it before they read).</summary>
    public int Length => _items.Length;

    /// <summary>Resets the record of a slot that is getting a new resource, growing the table when the slot is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref ResourceRecord Reset(int id)
    {
        if ((uint)id >= (uint)_items.Length)
        {
            Grow(id + 1);
        }

        ref ResourceRecord record = ref _items[id];
        record = default;
        return ref record;
    }

    /// <summary>Asks the CPU to bring the record of <paramref name="slot"/> into the cache ahead of its use (a walk
    /// knows the next sibling long before it gets there); nothing where the instruction is missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int slot)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _items[slot]));
        }
    }

    /// <summary>Room for slots below <paramref name="maxId"/>, so that creating them does not allocate.</summary>
    public void Reserve(int maxId)
    {
        if (maxId > _items.Length)
        {
            Grow(maxId);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int minLength) => Array.Resize(ref _items, Math.Max(minLength, _items.Length * 2));
}
