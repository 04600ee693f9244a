using BenchmarkDotNet.Attributes;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Bench.Running;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// <see cref="Batch"/> leaves used by GPU work in flight are released: one update finds them waiting for the GPU,
/// the next (with the timeline advanced past their last use) destroys them. Per resource, requests and both updates
/// measured. The leaves are recreated and marked in use in [IterationSetup], in their freed slots.
/// </summary>
[MemoryDiagnoser]
// Each iteration is one invocation after [IterationSetup]; the full collection BenchmarkDotNet forces before it would
// flush the caches (about 3 ms at 1M live), so figures would be cold-cache ones. Warm, like the targets.
[GcForce(false)]
public class GpuDeferred : LiveBenchmark
{
    public const int Batch = 1_000;

    private ulong _timeline;
    private int _waiting;
    private int _destroyed;
    private ResourceRegistry _registry = null!;
    private ResourceHandle<BenchPayload>[] _parents = null!;
    private readonly ResourceHandle<BenchPayload>[] _leaves = new ResourceHandle<BenchPayload>[Batch];
    private NaiveRegistry<BenchPayload> _naive = null!;
    private NaiveHandle[] _naiveParents = null!;
    private readonly NaiveHandle[] _naiveLeaves = new NaiveHandle[Batch];

    [GlobalSetup(Target = nameof(Registry))]
    public void SetupRegistry()
    {
        _registry = Forest.NewRegistry();
        _parents = Forest.Build(_registry, new ForestLayout(ForestShape.Wide, Live), reserveExtra: Batch);
    }

    [IterationSetup(Target = nameof(Registry))]
    public void SubmitRegistryWork()
    {
        _timeline++;
        for (int i = 0; i < Batch; i++)
        {
            _leaves[i] = _registry.Create(new BenchPayload { Value = i }, _parents[i % _parents.Length]);
            _registry.MarkInUse(_leaves[i], _timeline);
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Registry()
    {
        foreach (var leaf in _leaves)
        {
            _registry.RequestDestroy(leaf);
        }

        _waiting = _registry.Update(_timeline - 1).WaitingForGpu;
        _destroyed = _registry.Update(_timeline).Destroyed;
    }

    [IterationCleanup(Target = nameof(Registry))]
    public void CheckRegistry()
    {
        Expect.Equal(Batch, _waiting, "resources waiting for the GPU");
        Expect.Equal(Batch, _destroyed, "resources destroyed once the timeline advanced");
    }

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        _naive = Forest.NewNaive();
        _naiveParents = Forest.Build(_naive, new ForestLayout(ForestShape.Wide, Live));
    }

    [IterationSetup(Target = nameof(Naive))]
    public void SubmitNaiveWork()
    {
        _timeline++;
        for (int i = 0; i < Batch; i++)
        {
            _naiveLeaves[i] = _naive.Create(new BenchPayload { Value = i }, _naiveParents[i % _naiveParents.Length]);
            _naive.MarkInUse(_naiveLeaves[i], _timeline);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void Naive()
    {
        foreach (var leaf in _naiveLeaves)
        {
            _naive.RequestDestroy(leaf, cascade: false);
        }

        _waiting = Batch - _naive.Update(_timeline - 1);
        _destroyed = _naive.Update(_timeline);
    }

    [IterationCleanup(Target = nameof(Naive))]
    public void CheckNaive()
    {
        Expect.Equal(Batch, _waiting, "resources waiting for the GPU");
        Expect.Equal(Batch, _destroyed, "resources destroyed once the timeline advanced");
    }
}
