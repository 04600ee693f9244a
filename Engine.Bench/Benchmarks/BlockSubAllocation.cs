using BenchmarkDotNet.Attributes;
using Engine.Render.Memory;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// The sub-allocator alone, per allocate + free: <see cref="Batch"/> ranges of mixed sizes (256 B to 64 KiB, aligned
/// 16 to 256 bytes, as buffers and small images ask) carved from a 64 MiB block and given back in shuffled order. The
/// block is aged first by <see cref="Cycles"/> rebuild cycles (fill to three quarters, free a random half, refill), so
/// the free list holds the holes a running engine leaves, not one clean range. Its fragmentation after ageing is
/// printed once. No Vulkan here: this is the cost the allocator adds on top of one vkBind*Memory.
/// </summary>
[MemoryDiagnoser]
public class BlockSubAllocation
{
    public const int Batch = 1_024;
    public const int Cycles = 8;
    private const ulong BlockSize = 64UL << 20;

    private readonly (ulong Size, ulong Alignment)[] _requests = new (ulong, ulong)[Batch];
    private readonly BlockRange[] _ranges = new BlockRange[Batch];
    private readonly int[] _freeOrder = new int[Batch];
    private BlockRanges _block = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261203);
        _block = new BlockRanges(BlockSize);
        var aged = new List<BlockRange>();
        for (int cycle = 0; cycle < Cycles; cycle++)
        {
            while (_block.Used < BlockSize / 4 * 3)
            {
                ulong size = Size(random);
                if (!_block.TryAllocate(size, Alignment(random), out BlockRange range))
                {
                    break;
                }

                aged.Add(range);
            }

            for (int i = aged.Count - 1; i >= 0; i--)
            {
                if (random.Next(2) == 0)
                {
                    _block.Free(aged[i]);
                    aged.RemoveAt(i);
                }
            }
        }

        for (int i = 0; i < Batch; i++)
        {
            _requests[i] = (Size(random), Alignment(random));
            _freeOrder[i] = i;
        }

        random.Shuffle(_freeOrder);
        Console.WriteLine($"// {nameof(BlockSubAllocation)}: after {Cycles} cycles {_block.Allocations:N0} live ranges, {_block.FreeRanges:N0} holes, fragmentation {_block.Fragmentation:P1}");
    }

    private static ulong Size(Random random) => (ulong)random.Next(256, 64 * 1024 + 1);

    private static ulong Alignment(Random random) => 16UL << random.Next(0, 5);

    [Benchmark(OperationsPerInvoke = Batch)]
    public ulong AllocateAndFree()
    {
        ulong sum = 0;
        for (int i = 0; i < Batch; i++)
        {
            (ulong size, ulong alignment) = _requests[i];
            if (!_block.TryAllocate(size, alignment, out _ranges[i]))
            {
                throw new InvalidOperationException("the aged block is full: the benchmark would measure nothing");
            }

            sum += _ranges[i].Offset;
        }

        foreach (int i in _freeOrder)
        {
            _block.Free(_ranges[i]);
        }

        return sum;
    }
}
