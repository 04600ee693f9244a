using BenchmarkDotNet.Attributes;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Bench.Running;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// Cascade destruction of 1 % of the roots, requests and update measured together. The destroyed subtrees are
/// rebuilt in [IterationSetup], out of the measured region, in the slots they freed (no growth). The number destroyed
/// depends on the parameters, which OperationsPerInvoke cannot follow, so the "Per resource" column divides the
/// median by the exact count (checked after every iteration).
/// </summary>
[MemoryDiagnoser]
// Each iteration is one invocation after [IterationSetup]; the full collection BenchmarkDotNet forces before it would
// flush the caches (about 3 ms at 1M live), so figures would be cold-cache ones. Warm, like the targets.
[GcForce(false)]
[PerDestroyedResourceColumn]
public class CascadeDestroy : LiveBenchmark
{
    private ForestLayout _layout;
    private ResourceRegistry _registry = null!;
    private ResourceHandle<BenchPayload>[] _roots = null!;
    private ResourceHandle<BenchPayload>[] _scratch = null!;
    private UpdateResult _last;
    private NaiveRegistry<BenchPayload> _naive = null!;
    private NaiveHandle[] _naiveRoots = null!;
    private NaiveHandle[] _naiveScratch = null!;
    private int _naiveLast;

    [Params(ForestShape.Wide, ForestShape.Deep, ForestShape.Flat)]
    public ForestShape Shape { get; set; }

    /// <summary>How many resources one invocation destroys (used by the per-resource column too).</summary>
    public static int Destroyed(ForestShape shape, int live) => new ForestLayout(shape, live).DestroyedPerCascade;

    [GlobalSetup(Target = nameof(Registry))]
    public void SetupRegistry()
    {
        _layout = new ForestLayout(Shape, Live);
        _registry = Forest.NewRegistry();
        _roots = Forest.Build(_registry, _layout);
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

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        _layout = new ForestLayout(Shape, Live);
        _naive = Forest.NewNaive();
        _naiveRoots = Forest.Build(_naive, _layout);
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

    [Benchmark(Baseline = true)]
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
