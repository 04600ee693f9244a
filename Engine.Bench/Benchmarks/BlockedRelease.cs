using BenchmarkDotNet.Attributes;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Bench.Running;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// A parent whose destruction is blocked by <see cref="Children"/> live children; they are released one by one, one
/// request and one update each, and the parent goes in the same update as its last child. Per released child.
/// A wide forest of Live resources sits idle beside it. The parent and its children are recreated in
/// [IterationSetup] in the slots they freed, and the parent's block request is made there too.
/// </summary>
[MemoryDiagnoser]
// Each iteration is one invocation after [IterationSetup]; the full collection BenchmarkDotNet forces before it would
// flush the caches (about 3 ms at 1M live), so figures would be cold-cache ones. Warm, like the targets.
[GcForce(false)]
public class BlockedRelease : LiveBenchmark
{
    /// <summary>Kept small because every naive update walks the whole forest.</summary>
    public const int Children = 64;

    private ResourceRegistry _registry = null!;
    private ResourceHandle<BenchPayload> _parent;
    private readonly ResourceHandle<BenchPayload>[] _children = new ResourceHandle<BenchPayload>[Children];
    private int _destroyed;
    private NaiveRegistry<BenchPayload> _naive = null!;
    private NaiveHandle _naiveParent;
    private readonly NaiveHandle[] _naiveChildren = new NaiveHandle[Children];

    [GlobalSetup(Target = nameof(Registry))]
    public void SetupRegistry()
    {
        _registry = Forest.NewRegistry();
        Forest.Build(_registry, new ForestLayout(ForestShape.Wide, Live), reserveExtra: Children + 1);
    }

    [IterationSetup(Target = nameof(Registry))]
    public void BlockRegistryParent()
    {
        _parent = _registry.Create(new BenchPayload());
        for (int i = 0; i < Children; i++)
        {
            _children[i] = _registry.Create(new BenchPayload { Value = i }, _parent);
        }

        _registry.RequestDestroy(_parent);
        Expect.Equal(1, _registry.Update().Blocked, "blocked parent");
    }

    [Benchmark(OperationsPerInvoke = Children)]
    public void Registry()
    {
        int destroyed = 0;
        for (int i = 0; i < Children; i++)
        {
            _registry.RequestDestroy(_children[i]);
            destroyed += _registry.Update().Destroyed;
        }

        _destroyed = destroyed;
    }

    [IterationCleanup(Target = nameof(Registry))]
    public void CheckRegistry()
    {
        Expect.Equal(Children + 1, _destroyed, "resources destroyed");
        Expect.True(!_registry.IsAlive(_parent), "the parent went with its last child");
    }

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        _naive = Forest.NewNaive();
        Forest.Build(_naive, new ForestLayout(ForestShape.Wide, Live));
    }

    [IterationSetup(Target = nameof(Naive))]
    public void BlockNaiveParent()
    {
        _naiveParent = _naive.Create(new BenchPayload());
        for (int i = 0; i < Children; i++)
        {
            _naiveChildren[i] = _naive.Create(new BenchPayload { Value = i }, _naiveParent);
        }

        _naive.RequestDestroy(_naiveParent, cascade: false);
        Expect.Equal(0, _naive.Update(0), "resources destroyed while the parent is blocked");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Children)]
    public void Naive()
    {
        int destroyed = 0;
        for (int i = 0; i < Children; i++)
        {
            _naive.RequestDestroy(_naiveChildren[i], cascade: false);
            destroyed += _naive.Update(0);
        }

        _destroyed = destroyed;
    }

    [IterationCleanup(Target = nameof(Naive))]
    public void CheckNaive()
    {
        Expect.Equal(Children + 1, _destroyed, "resources destroyed");
        Expect.True(!_naive.IsAlive(_naiveParent), "the parent went with its last child");
    }
}
