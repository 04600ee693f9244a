using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// Checked <c>ref</c> access through a generational handle, per access. "Sequential" reads a batch of handles in
/// creation order (a frame walking its working set); "Random" reads handles spread over every live resource, so at
/// large counts it measures cache misses more than the check itself.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HandleAccess : LiveBenchmark
{
    public const int Accesses = 4_096;

    private ResourceRegistry _registry = null!;
    private ResourceHandle<BenchPayload>[] _sequential = null!;
    private ResourceHandle<BenchPayload>[] _random = null!;
    private NaiveRegistry<BenchPayload> _naive = null!;
    private NaiveHandle[] _naiveSequential = null!;
    private NaiveHandle[] _naiveRandom = null!;

    [GlobalSetup(Targets = [nameof(Registry), nameof(RegistryRandom)])]
    public void SetupRegistry()
    {
        // Flat, so that the handles of every live resource are the roots returned by the build.
        _registry = Forest.NewRegistry();
        var all = Forest.Build(_registry, new ForestLayout(ForestShape.Flat, Live));
        (_sequential, _random) = Pick(all);
    }

    [GlobalSetup(Targets = [nameof(Naive), nameof(NaiveRandom)])]
    public void SetupNaive()
    {
        _naive = Forest.NewNaive();
        var all = Forest.Build(_naive, new ForestLayout(ForestShape.Flat, Live));
        (_naiveSequential, _naiveRandom) = Pick(all);
    }

    [Benchmark(OperationsPerInvoke = Accesses)]
    [BenchmarkCategory("Sequential")]
    public long Registry() => Sum(_sequential);

    [Benchmark(Baseline = true, OperationsPerInvoke = Accesses)]
    [BenchmarkCategory("Sequential")]
    public long Naive() => Sum(_naiveSequential);

    [Benchmark(OperationsPerInvoke = Accesses)]
    [BenchmarkCategory("Random")]
    public long RegistryRandom() => Sum(_random);

    [Benchmark(Baseline = true, OperationsPerInvoke = Accesses)]
    [BenchmarkCategory("Random")]
    public long NaiveRandom() => Sum(_naiveRandom);

    private long Sum(ResourceHandle<BenchPayload>[] handles)
    {
        var registry = _registry;
        long sum = 0;
        foreach (var handle in handles)
        {
            sum += registry.Get(handle).Value;
        }

        return sum;
    }

    private long Sum(NaiveHandle[] handles)
    {
        var naive = _naive;
        long sum = 0;
        foreach (var handle in handles)
        {
            sum += naive.Get(handle).Value;
        }

        return sum;
    }

    /// <summary>A run of consecutive handles from the middle, and the same number drawn at random (fixed seed).</summary>
    private static (T[] Sequential, T[] Random) Pick<T>(T[] all)
    {
        int count = Math.Min(Accesses, all.Length);
        var sequential = all.AsSpan((all.Length - count) / 2, count).ToArray();
        var rng = new Random(42);
        var random = new T[count];
        for (int i = 0; i < count; i++)
        {
            random[i] = all[rng.Next(all.Length)];
        }

        return (sequential, random);
    }
}
