using System.Numerics;

namespace Engine.Render.Memory;

/// <summary>A range <see cref="BlockRanges.TryAllocate"/> handed out: what a sub-allocation keeps to give it back.</summary>
internal readonly record struct BlockRange(ulong Offset, ulong Size, int Node, int Generation);

/// <summary>
/// The ranges of one memory block, allocated and freed in constant time (two-level segregated free lists: a size
/// class per power of two, split into <see cref="Subclasses"/>, with bitmaps to find the first non-empty one), so an
/// engine's allocator stays fast however fragmented the block gets. Every range, free or used, is a node linked to its
/// physical neighbours, which makes merging a freed range with free neighbours O(1). Sizes are rounded up to
/// <see cref="Granule"/> bytes and offsets are multiples of it, so alignments up to it cost nothing; larger ones
/// search a class big enough for the worst padding, and the padding goes with the range (carved from the back of a free
/// range, so it never leaves a hole); only when that finds nothing are the lists below it scanned, so a
/// request is refused only when no free range can hold it. One block holds one class of resources (buffers and linear
/// images, or optimal images), so <c>bufferImageGranularity</c> never applies between neighbours. Not thread-safe:
/// the registry's owner thread allocates and frees.
/// </summary>
internal sealed class BlockRanges
{
    /// <summary>Smallest unit: sizes round up to it, offsets are multiples of it.</summary>
    public const ulong Granule = 16;

    private const int Subclasses = 8; // second level: 8 subdivisions of each power of two
    private const int SubclassBits = 3;
    private const int Classes = 64;

    private Node[] _nodes = new Node[16];
    private int _nodeCount;
    private int _unusedNode = -1; // chain of node slots to reuse, through NextFree
    private readonly int[] _heads = new int[Classes * Subclasses];
    private readonly byte[] _subclassMaps = new byte[Classes];
    private ulong _classMap;

    private struct Node
    {
        public ulong Offset;
        public ulong Size;
        public int PreviousPhysical;
        public int NextPhysical;
        public int PreviousFree;
        public int NextFree;
        public int Generation;
        public bool IsFree;
    }

    public BlockRanges(ulong size)
    {
        if (size < Granule)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"a block is {Granule} bytes or more");
        }

        Size = size / Granule * Granule;
        Array.Fill(_heads, -1);
        int first = NewNode(0, Size);
        _nodes[first].PreviousPhysical = -1;
        _nodes[first].NextPhysical = -1;
        InsertFree(first);
    }

    /// <summary>Bytes of the block (rounded down to <see cref="Granule"/>).</summary>
    public ulong Size { get; }

    /// <summary>Bytes in live ranges, as rounded.</summary>
    public ulong Used { get; private set; }

    /// <summary>Live ranges.</summary>
    public int Allocations { get; private set; }

    /// <summary>Separate free ranges: 1 in an empty block, more as holes appear.</summary>
    public int FreeRanges { get; private set; }

    /// <summary>The largest free range.</summary>
    public ulong LargestFree
    {
        get
        {
            if (_classMap == 0)
            {
                return 0;
            }

            int cls = 63 - BitOperations.LeadingZeroCount(_classMap);
            int sub = 31 - BitOperations.LeadingZeroCount((uint)_subclassMaps[cls]);
            ulong largest = 0;
            for (int node = _heads[cls * Subclasses + sub]; node >= 0; node = _nodes[node].NextFree)
            {
                largest = Math.Max(largest, _nodes[node].Size);
            }

            return largest;
        }
    }

    /// <summary>0 when the free bytes are one range, towards 1 as they split into small holes.</summary>
    public double Fragmentation => Size == Used ? 0 : 1 - (double)LargestFree / (Size - Used);

    /// <summary>
    /// Carves <paramref name="size"/> bytes (rounded up to <see cref="Granule"/>, plus up to
    /// <paramref name="alignment"/> - 16 bytes of padding after it) at a multiple of <paramref name="alignment"/> (a power
    /// of two); false when no free range can hold it. The range's size says what it really holds.
    /// </summary>
    public bool TryAllocate(ulong size, ulong alignment, out BlockRange range)
    {
        if (size == 0 || size > Size || alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(size == 0 || size > Size ? nameof(size) : nameof(alignment), size == 0 || size > Size ? size : alignment,
                size == 0 || size > Size ? $"an allocation is 1 to {Size} bytes" : "alignment is a power of two");
        }

        ulong rounded = (size + Granule - 1) & ~(Granule - 1);
        ulong worst = alignment > Granule ? rounded + alignment - Granule : rounded;
        int node = FindAtLeast(worst);
        if (node < 0)
        {
            node = ScanBetween(rounded, worst, alignment);
        }

        if (node < 0)
        {
            range = default;
            return false;
        }

        // Carved from the back of the free range at the highest aligned offset that fits, the bytes up to the range's
        // end included: the front stays one free range and no padding hole is left behind (at most alignment - 16
        // bytes are given with the allocation, and come back with it).
        RemoveFree(node);
        ulong start = _nodes[node].Offset;
        ulong end = start + _nodes[node].Size;
        ulong aligned = (end - rounded) & ~(alignment - 1);
        if (aligned > start)
        {
            int front = node;
            node = SplitBack(front, aligned - start);
            InsertFree(front);
        }

        ulong held = end - aligned;
        _nodes[node].IsFree = false;
        Used += held;
        Allocations++;
        range = new BlockRange(aligned, held, node, _nodes[node].Generation);
        return true;
    }

    /// <summary>Gives back a range; merges it with free neighbours. A range not live in this block (freed already,
    /// or from elsewhere) is refused: freeing twice would hand the same bytes to two resources.</summary>
    public void Free(in BlockRange range)
    {
        int node = range.Node;
        if ((uint)node >= (uint)_nodeCount || _nodes[node].IsFree || _nodes[node].Generation != range.Generation
            || _nodes[node].Offset != range.Offset || _nodes[node].Size != range.Size)
        {
            throw new InvalidOperationException($"range [{range.Offset}, +{range.Size}) is not live in this block: freed twice?");
        }

        Used -= range.Size;
        Allocations--;
        _nodes[node].Generation++;
        int next = _nodes[node].NextPhysical;
        if (next >= 0 && _nodes[next].IsFree)
        {
            RemoveFree(next);
            Absorb(node, next);
        }

        int previous = _nodes[node].PreviousPhysical;
        if (previous >= 0 && _nodes[previous].IsFree)
        {
            RemoveFree(previous);
            Absorb(previous, node);
            node = previous;
        }

        InsertFree(node);
    }

    private static (int Class, int Subclass) ClassOf(ulong size)
    {
        int cls = 63 - BitOperations.LeadingZeroCount(size);
        int sub = cls < SubclassBits ? 0 : (int)((size >> (cls - SubclassBits)) & (Subclasses - 1));
        return (cls, sub);
    }

    /// <summary>A free node of at least <paramref name="size"/> bytes: the first non-empty list whose every node is
    /// that large (the size rounded up to the next subclass).</summary>
    private int FindAtLeast(ulong size)
    {
        (int cls, int sub) = ClassOf(size);
        ulong classSpan = cls < SubclassBits ? 1UL : 1UL << (cls - SubclassBits);
        if ((size & (classSpan - 1)) != 0 && ++sub == Subclasses)
        {
            (cls, sub) = (cls + 1, 0);
        }

        if (cls >= Classes)
        {
            return -1;
        }

        uint subs = (uint)_subclassMaps[cls] & (~0u << sub);
        if (subs == 0)
        {
            ulong classes = cls + 1 < Classes ? _classMap & (~0UL << (cls + 1)) : 0;
            if (classes == 0)
            {
                return -1;
            }

            cls = BitOperations.TrailingZeroCount(classes);
            subs = _subclassMaps[cls];
        }

        return _heads[cls * Subclasses + BitOperations.TrailingZeroCount(subs)];
    }

    /// <summary>The lists that may hold a node of <paramref name="size"/> bytes but not of <paramref name="worst"/>
    /// (what <see cref="FindAtLeast"/> skipped), node by node with the real padding.</summary>
    private int ScanBetween(ulong size, ulong worst, ulong alignment)
    {
        (int fromClass, int fromSub) = ClassOf(size);
        (int toClass, int toSub) = ClassOf(worst);
        for (int list = fromClass * Subclasses + fromSub; list <= toClass * Subclasses + toSub && list < _heads.Length; list++)
        {
            for (int node = _heads[list]; node >= 0; node = _nodes[node].NextFree)
            {
                ulong start = _nodes[node].Offset;
                ulong end = start + _nodes[node].Size;
                if (end >= size && ((end - size) & ~(alignment - 1)) >= start)
                {
                    return node;
                }
            }
        }

        return -1;
    }

    private void InsertFree(int node)
    {
        (int cls, int sub) = ClassOf(_nodes[node].Size);
        int list = cls * Subclasses + sub;
        _nodes[node].IsFree = true;
        _nodes[node].PreviousFree = -1;
        _nodes[node].NextFree = _heads[list];
        if (_heads[list] >= 0)
        {
            _nodes[_heads[list]].PreviousFree = node;
        }

        _heads[list] = node;
        _subclassMaps[cls] |= (byte)(1 << sub);
        _classMap |= 1UL << cls;
        FreeRanges++;
    }

    private void RemoveFree(int node)
    {
        (int cls, int sub) = ClassOf(_nodes[node].Size);
        int list = cls * Subclasses + sub;
        int previous = _nodes[node].PreviousFree;
        int next = _nodes[node].NextFree;
        if (previous >= 0)
        {
            _nodes[previous].NextFree = next;
        }
        else
        {
            _heads[list] = next;
        }

        if (next >= 0)
        {
            _nodes[next].PreviousFree = previous;
        }

        if (_heads[list] < 0)
        {
            _subclassMaps[cls] &= (byte)~(1 << sub);
            if (_subclassMaps[cls] == 0)
            {
                _classMap &= ~(1UL << cls);
            }
        }

        _nodes[node].IsFree = false;
        FreeRanges--;
    }

    /// <summary>Keeps the first <paramref name="keep"/> bytes of <paramref name="node"/>; the rest becomes a new node after it.</summary>
    private int SplitBack(int node, ulong keep)
    {
        int back = NewNode(_nodes[node].Offset + keep, _nodes[node].Size - keep);
        _nodes[back].PreviousPhysical = node;
        _nodes[back].NextPhysical = _nodes[node].NextPhysical;
        if (_nodes[node].NextPhysical >= 0)
        {
            _nodes[_nodes[node].NextPhysical].PreviousPhysical = back;
        }

        _nodes[node].NextPhysical = back;
        _nodes[node].Size = keep;
        return back;
    }

    /// <summary>Merges <paramref name="next"/> (physically right after <paramref name="node"/>) into it.</summary>
    private void Absorb(int node, int next)
    {
        _nodes[node].Size += _nodes[next].Size;
        _nodes[node].NextPhysical = _nodes[next].NextPhysical;
        if (_nodes[next].NextPhysical >= 0)
        {
            _nodes[_nodes[next].NextPhysical].PreviousPhysical = node;
        }

        _nodes[next].Generation++;
        _nodes[next].NextFree = _unusedNode;
        _unusedNode = next;
    }

    private int NewNode(ulong offset, ulong size)
    {
        int node;
        if (_unusedNode >= 0)
        {
            node = _unusedNode;
            _unusedNode = _nodes[node].NextFree;
        }
        else
        {
            if (_nodeCount == _nodes.Length)
            {
                Array.Resize(ref _nodes, _nodeCount * 2);
            }

            node = _nodeCount++;
        }

        _nodes[node].Offset = offset;
        _nodes[node].Size = size;
        _nodes[node].IsFree = false;
        return node;
    }
}
