using BenchmarkDotNet.Attributes;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Bench.Running;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// Creating a resource under a parent (the roots of a wide forest, in turn), per resource, in a fresh or an aged
/// forest. Warm: the tables were reserved for them, and [IterationSetup] destroys the previous batch, so each batch
/// reuses the freed slots and nothing grows in the measured region. Baseline: the hand-written hierarchy.
/// </summary>
[MemoryDiagnoser]
// Each iteration is one invocation after [IterationSetup]; the full collection BenchmarkDotNet forces before it would
// flush the caches (about 3 ms at 1M live), so figures would be cold-cache ones. Warm, like the targets.
[GcForce(false)]
public class CreateResource : LiveBenchmark
{
    public const int Batch = 1_000;

    private ResourceRegistry _registry = null!;
    private ResourceHandle<BenchPayload>[] _parents = null!;
    private readonly ResourceHandle<BenchPayload>[] _created = new ResourceHandle<BenchPayload>[Batch];
    private HandWrittenHierarchy<BenchPayload> _handWritten = null!;
    private HandWrittenHandle[] _handParents = null!;
    private readonly HandWrittenHandle[] _handCreated = new HandWrittenHandle[Batch];
    private NaiveRegistry<BenchPayload> _naive = null!;
    private NaiveHandle[] _naiveParents = null!;
    private readonly NaiveHandle[] _naiveCreated = new NaiveHandle[Batch];

    [Params(ForestAge.Fresh, ForestAge.Aged)]
    public ForestAge Age { get; set; }

    [GlobalSetup(Target = nameof(Registry))]
    public void SetupRegistry()
    {
        _registry = Forest.NewRegistry();
        _parents = Forest.Build(_registry, new ForestLayout(ForestShape.Wide, Live), Age, reserveExtra: Batch);
    }

    [IterationSetup(Target = nameof(Registry))]
    public void ReleaseRegistryBatch()
    {
        if (_created[0].IsNull)
        {
            return;
        }

        foreach (var handle in _created)
        {
            _registry.RequestDestroy(handle);
        }

        Expect.Equal(Batch, _registry.Update().Destroyed, "previous batch destroyed");
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Registry()
    {
        var parents = _parents;
        for (int i = 0; i < Batch; i++)
        {
            _created[i] = _registry.Create(new BenchPayload { Value = i }, parents[i % parents.Length]);
        }
    }

    [GlobalSetup(Target = nameof(HandWritten))]
    public void SetupHandWritten()
    {
        _handWritten = Forest.NewHandWritten();
        _handParents = Forest.Build(_handWritten, new ForestLayout(ForestShape.Wide, Live), Age, reserveExtra: Batch);
    }

    [IterationSetup(Target = nameof(HandWritten))]
    public void ReleaseHandWrittenBatch()
    {
        if (_handCreated[0].IsNull)
        {
            return;
        }

        int destroyed = 0;
        foreach (var handle in _handCreated)
        {
            destroyed += _handWritten.Destroy(handle);
        }

        Expect.Equal(Batch, destroyed, "previous batch destroyed");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public void HandWritten()
    {
        var parents = _handParents;
        for (int i = 0; i < Batch; i++)
        {
            _handCreated[i] = _handWritten.Create(new BenchPayload { Value = i }, parents[i % parents.Length]);
        }
    }

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        _naive = Forest.NewNaive();
        _naiveParents = Forest.Build(_naive, new ForestLayout(ForestShape.Wide, Live), Age);
    }

    [IterationSetup(Target = nameof(Naive))]
    public void ReleaseNaiveBatch()
    {
        if (_naiveCreated[0].IsNull)
        {
            return;
        }

        foreach (var handle in _naiveCreated)
        {
            _naive.RequestDestroy(handle, cascade: false);
        }

        Expect.Equal(Batch, _naive.Update(0), "previous batch destroyed");
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Naive()
    {
        var parents = _naiveParents;
        for (int i = 0; i < Batch; i++)
        {
            _naiveCreated[i] = _naive.Create(new BenchPayload { Value = i }, parents[i % parents.Length]);
        }
    }
}
