namespace Engine.Render.Memory;

/// <summary>
/// The free ranges of one memory block: first-fit allocation at an alignment, frees that merge with their neighbours.
/// Free ranges are two sorted arrays (offsets, sizes), so a block with little fragmentation allocates and frees in a
/// few compares and no allocation; arrays grow only when fragmentation adds ranges. Offsets and sizes are bytes.
/// One block holds one class of resources (buffers and linear images, or optimal images), so
/// <c>bufferImageGranularity</c> never applies between neighbours (the allocator keeps the classes in separate blocks).
/// Not thread-safe: the registry's owner thread allocates and frees.
/// </summary>
internal sealed class BlockRanges
{
    private ulong[] _offsets = new ulong[8];
    private ulong[] _sizes = new ulong[8];
    private int _count;

    public BlockRanges(ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size);
        Size = size;
        _offsets[0] = 0;
        _sizes[0] = size;
        _count = 1;
    }

    /// <summary>Bytes of the block.</summary>
    public ulong Size { get; }

    /// <summary>Bytes in live allocations (alignment padding that stays free is not counted).</summary>
    public ulong Used { get; private set; }

    /// <summary>Live allocations.</summary>
    public int Allocations { get; private set; }

    /// <summary>Separate free ranges: 1 in an empty block, more as holes appear.</summary>
    public int FreeRanges => _count;

    /// <summary>The largest allocation that could succeed at alignment 1.</summary>
    public ulong LargestFree
    {
        get
        {
            ulong largest = 0;
            for (int i = 0; i < _count; i++)
            {
                largest = Math.Max(largest, _sizes[i]);
            }

            return largest;
        }
    }

    /// <summary>0 when the free bytes are one range, towards 1 as they split into small holes.</summary>
    public double Fragmentation => Size == Used ? 0 : 1 - (double)LargestFree / (Size - Used);

    /// <summary>
    /// Carves <paramref name="size"/> bytes at a multiple of <paramref name="alignment"/> (a power of two) from the
    /// first free range that fits; false when none does (the block is too full or too fragmented).
    /// </summary>
    public bool TryAllocate(ulong size, ulong alignment, out ulong offset)
    {
        if (size == 0 || alignment == 0 || (alignment & (alignment - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(size == 0 ? nameof(size) : nameof(alignment), size == 0 ? size : alignment,
                size == 0 ? "an allocation is 1 byte or more" : "alignment is a power of two");
        }

        for (int i = 0; i < _count; i++)
        {
            ulong start = _offsets[i];
            ulong end = start + _sizes[i];
            ulong aligned = (start + alignment - 1) & ~(alignment - 1);
            if (aligned < start || aligned > end || end - aligned < size)
            {
                continue;
            }

            ulong after = end - (aligned + size);
            if (aligned == start)
            {
                if (after == 0)
                {
                    RemoveAt(i);
                }
                else
                {
                    _offsets[i] = aligned + size;
                    _sizes[i] = after;
                }
            }
            else
            {
                _sizes[i] = aligned - start; // the padding stays free before the allocation
                if (after > 0)
                {
                    InsertAt(i + 1, aligned + size, after);
                }
            }

            Used += size;
            Allocations++;
            offset = aligned;
            return true;
        }

        offset = 0;
        return false;
    }

    /// <summary>Gives back a range <see cref="TryAllocate"/> returned; merges it with free neighbours. A range that is
    /// outside the block or overlaps a free one is refused: freeing twice would hand the same bytes to two
    /// resources.</summary>
    public void Free(ulong offset, ulong size)
    {
        if (size == 0 || offset > Size || Size - offset < size)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"range [{offset}, +{size}) is not inside the block of {Size} bytes");
        }

        int next = FirstAtOrAfter(offset);
        bool overlapsNext = next < _count && _offsets[next] < offset + size;
        bool overlapsPrevious = next > 0 && _offsets[next - 1] + _sizes[next - 1] > offset;
        if (overlapsNext || overlapsPrevious || Used < size)
        {
            throw new InvalidOperationException($"range [{offset}, +{size}) is already free (in part): freed twice?");
        }

        bool joinsPrevious = next > 0 && _offsets[next - 1] + _sizes[next - 1] == offset;
        bool joinsNext = next < _count && offset + size == _offsets[next];
        if (joinsPrevious && joinsNext)
        {
            _sizes[next - 1] += size + _sizes[next];
            RemoveAt(next);
        }
        else if (joinsPrevious)
        {
            _sizes[next - 1] += size;
        }
        else if (joinsNext)
        {
            _offsets[next] = offset;
            _sizes[next] += size;
        }
        else
        {
            InsertAt(next, offset, size);
        }

        Used -= size;
        Allocations--;
    }

    /// <summary>Index of the first free range starting at or after <paramref name="offset"/> (binary search).</summary>
    private int FirstAtOrAfter(ulong offset)
    {
        int low = 0;
        int high = _count;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (_offsets[mid] < offset)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void InsertAt(int index, ulong offset, ulong size)
    {
        if (_count == _offsets.Length)
        {
            Array.Resize(ref _offsets, _count * 2);
            Array.Resize(ref _sizes, _count * 2);
        }

        Array.Copy(_offsets, index, _offsets, index + 1, _count - index);
        Array.Copy(_sizes, index, _sizes, index + 1, _count - index);
        _offsets[index] = offset;
        _sizes[index] = size;
        _count++;
    }

    private void RemoveAt(int index)
    {
        _count--;
        Array.Copy(_offsets, index + 1, _offsets, index, _count - index);
        Array.Copy(_sizes, index + 1, _sizes, index, _count - index);
    }
}
