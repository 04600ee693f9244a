using BenchmarkDotNet.Attributes;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Bench.Running;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// Cascade destruction of 1 % of the roots per frame, requests and update measured together, on a fresh or an aged
/// forest. The destroyed subtrees are rebuilt in [IterationSetup], out of the measured region, in the slots they
/// freed (no growth). Same run, same work: the hand-written hierarchy an engine programmer would write without this
/// library (the baseline: the ratio is what the guarantees cost) and the naive registry. The number destroyed depends
/// on the parameters, which OperationsPerInvoke cannot follow, so the "Per resource" column divides the median by the
/// exact count (checked after every iteration); "Memory/resource" is the managed heap per live resource beyond the
/// payload, measured on a separate build of the same forest.
/// </summary>
[MemoryDiagnoser]
// Each iteration is one invocation after [IterationSetup]; the full collection BenchmarkDotNet forces before it would
// flush the caches (about 3 ms at 1M live), so figures would be cold-cache ones. Warm, like the targets.
[GcForce(false)]
[PerDestroyedResourceColumn]
[MemoryPerResourceColumn]
public class CascadeDestroy : LiveBenchmark
{
    private ForestLayout _layout;
    private ResourceRegistry _registry = null!;
    private ResourceHandle<BenchPayload>[] _roots = null!;
    private ResourceHandle<BenchPayload>[] _scratch = null!;
    private UpdateResult _last;
    private HandWrittenHierarchy<BenchPayload> _handWritten = null!;
    private HandWrittenHandle[] _handRoots = null!;
    private HandWrittenHandle[] _handScratch = null!;
    private int _handLast;
    private NaiveRegistry<BenchPayload> _naive = null!;
    private NaiveHandle[] _naiveRoots = null!;
    private NaiveHandle[] _naiveScratch = null!;
    private int _naiveLast;

    [Params(ForestShape.Wide, ForestShape.Deep, ForestShape.Flat, ForestShape.Trees)]
    public ForestShape Shape { get; set; }

    [Params(ForestAge.Fresh, ForestAge.Aged)]
    public ForestAge Age { get; set; }

    /// <summary>How many resources one invocation destroys (used by the per-resource column too).</summary>
    public static int Destroyed(ForestShape shape, int live) => new ForestLayout(shape, live).DestroyedPerCascade;

    [GlobalSetup(Target = nameof(Registry))]
    public void SetupRegistry()
    {
        _layout = new ForestLayout(Shape, Live);
        _registry = Forest.NewRegistry();
        _roots = Forest.Build(_registry, _layout, Age);
        _scratch = new ResourceHandle<BenchPayload>[_layout.NodesPerRoot];
    }

    [IterationSetup(Target = nameof(Registry))]
    public void RebuildRegistry()
    {
        for (int i = 0; i < _layout.CascadeRoots; i++)
        {
            ref var root = ref _roots[i * _layout.CascadeStep];
            if (!_registry.IsAlive(root))
            {
                root = Forest.BuildTree(_registry, _layout, _scratch);
            }
        }
    }

    [Benchmark]
    public void Registry()
    {
        for (int i = 0; i < _layout.CascadeRoots; i++)
        {
            _registry.RequestDestroy(_roots[i * _layout.CascadeStep], DestroyMode.Cascade);
        }

        _last = _registry.Update();
    }

    [IterationCleanup(Target = nameof(Registry))]
    public void CheckRegistry() => Expect.Equal(_layout.DestroyedPerCascade, _last.Destroyed, "resources destroyed by the cascade");

    [GlobalSetup(Target = nameof(HandWritten))]
    public void SetupHandWritten()
    {
        _layout = new ForestLayout(Shape, Live);
        _handWritten = Forest.NewHandWritten();
        _handRoots = Forest.Build(_handWritten, _layout, Age);
        _handScratch = new HandWrittenHandle[_layout.NodesPerRoot];
    }

    [IterationSetup(Target = nameof(HandWritten))]
    public void RebuildHandWritten()
    {
        for (int i = 0; i < _layout.CascadeRoots; i++)
        {
            ref var root = ref _handRoots[i * _layout.CascadeStep];
            if (!_handWritten.IsAlive(root))
            {
                root = Forest.BuildTree(_handWritten, _layout, _handScratch);
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void HandWritten()
    {
        int destroyed = 0;
        for (int i = 0; i < _layout.CascadeRoots; i++)
        {
            destroyed += _handWritten.Destroy(_handRoots[i * _layout.CascadeStep]);
        }

        _handLast = destroyed;
    }

    [IterationCleanup(Target = nameof(HandWritten))]
    public void CheckHandWritten() => Expect.Equal(_layout.DestroyedPerCascade, _handLast, "resources destroyed by the hand-written hierarchy");

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        _layout = new ForestLayout(Shape, Live);
        _naive = Forest.NewNaive();
        _naiveRoots = Forest.Build(_naive, _layout, Age);
        _naiveScratch = new NaiveHandle[_layout.NodesPerRoot];
    }

    [IterationSetup(Target = nameof(Naive))]
    public void RebuildNaive()
    {
        for (int i = 0; i < _layout.CascadeRoots; i++)
        {
            ref var root = ref _naiveRoots[i * _layout.CascadeStep];
            if (!_naive.IsAlive(root))
            {
                root = Forest.BuildTree(_naive, _layout, _naiveScratch);
            }
        }
    }

    [Benchmark]
    public void Naive()
    {
        for (int i = 0; i < _layout.CascadeRoots; i++)
        {
            _naive.RequestDestroy(_naiveRoots[i * _layout.CascadeStep], cascade: true);
        }

        _naiveLast = _naive.Update(0);
    }

    [IterationCleanup(Target = nameof(Naive))]
    public void CheckNaive() => Expect.Equal(_layout.DestroyedPerCascade, _naiveLast, "resources destroyed by the cascade");
}
