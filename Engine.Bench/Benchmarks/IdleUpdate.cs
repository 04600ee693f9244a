using BenchmarkDotNet.Attributes;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>An update with nothing pending. The registry's must not grow with the live count; the naive one walks it all.</summary>
[MemoryDiagnoser]
public class IdleUpdate : LiveBenchmark
{
    private ResourceRegistry _registry = null!;
    private NaiveRegistry<BenchPayload> _naive = null!;

    [GlobalSetup(Target = nameof(Registry))]
    public void SetupRegistry()
    {
        _registry = Forest.NewRegistry();
        Forest.Build(_registry, new ForestLayout(ForestShape.Wide, Live));
    }

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        _naive = Forest.NewNaive();
        Forest.Build(_naive, new ForestLayout(ForestShape.Wide, Live));
    }

    [Benchmark]
    public UpdateResult Registry() => _registry.Update();

    [Benchmark(Baseline = true)]
    public int Naive() => _naive.Update(0);
}
