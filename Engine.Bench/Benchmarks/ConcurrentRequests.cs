using BenchmarkDotNet.Attributes;
using Engine.Bench.Baseline;
using Engine.Bench.Forests;
using Engine.Bench.Running;
using Engine.Resources;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// <see cref="Threads"/> threads request the destruction of <see cref="PerThread"/> leaves each while the owner thread
/// keeps updating until every request was queued and applied; per request. The workers are started once and parked between
/// iterations; the leaves (children of a wide forest's roots) are recreated in [IterationSetup] in their freed slots.
/// </summary>
[MemoryDiagnoser]
// Each iteration is one invocation after [IterationSetup]; the full collection BenchmarkDotNet forces before it would
// flush the caches (about 3 ms at 1M live), so figures would be cold-cache ones. Warm, like the targets.
[GcForce(false)]
public class ConcurrentRequests : LiveBenchmark
{
    public const int Threads = 4;
    public const int PerThread = 1_024;
    public const int Total = Threads * PerThread;

    // One start signal per worker: with a shared semaphore a fast worker could take two permits and run its slice twice.
    private readonly SemaphoreSlim[] _start = [new(0), new(0), new(0), new(0)];
    private readonly CountdownEvent _done = new(Threads);
    private Thread[] _workers = [];
    private volatile bool _stop;
    private volatile Exception? _failure;
    private bool _useNaive;
    private int _destroyed;

    private ResourceRegistry _registry = null!;
    private ResourceHandle<BenchPayload>[] _parents = null!;
    private readonly ResourceHandle<BenchPayload>[] _leaves = new ResourceHandle<BenchPayload>[Total];
    private NaiveRegistry<BenchPayload> _naive = null!;
    private NaiveHandle[] _naiveParents = null!;
    private readonly NaiveHandle[] _naiveLeaves = new NaiveHandle[Total];

    [GlobalSetup(Target = nameof(Registry))]
    public void SetupRegistry()
    {
        _registry = Forest.NewRegistry();
        _parents = Forest.Build(_registry, new ForestLayout(ForestShape.Wide, Live), reserveExtra: Total);
        CreateRegistryLeaves();
        StartWorkers(useNaive: false);
    }

    [IterationSetup(Target = nameof(Registry))]
    public void CreateRegistryLeaves()
    {
        for (int i = 0; i < Total; i++)
        {
            if (!_registry.IsAlive(_leaves[i]))
            {
                _leaves[i] = _registry.Create(new BenchPayload { Value = i }, _parents[i % _parents.Length]);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Total)]
    public void Registry()
    {
        _done.Reset(Threads);
        ReleaseWorkers();
        int destroyed = 0;
        bool allQueued;
        do
        {
            // Read before the update: the first update that starts after every request was queued applies them all.
            allQueued = _done.IsSet;
            destroyed += _registry.Update().Destroyed;
            CheckWorkers();
        }
        while (!allQueued);

        _destroyed = destroyed;
    }

    [IterationCleanup(Target = nameof(Registry))]
    public void CheckRegistry() => Expect.Equal(Total, _destroyed, "resources destroyed");

    [GlobalSetup(Target = nameof(Naive))]
    public void SetupNaive()
    {
        _naive = Forest.NewNaive();
        _naiveParents = Forest.Build(_naive, new ForestLayout(ForestShape.Wide, Live));
        CreateNaiveLeaves();
        StartWorkers(useNaive: true);
    }

    [IterationSetup(Target = nameof(Naive))]
    public void CreateNaiveLeaves()
    {
        for (int i = 0; i < Total; i++)
        {
            if (_naiveLeaves[i].IsNull || !_naive.IsAlive(_naiveLeaves[i]))
            {
                _naiveLeaves[i] = _naive.Create(new BenchPayload { Value = i }, _naiveParents[i % _naiveParents.Length]);
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Total)]
    public void Naive()
    {
        _done.Reset(Threads);
        ReleaseWorkers();
        int destroyed = 0;
        bool allQueued;
        do
        {
            // Read before the update: the first update that starts after every request was queued applies them all.
            allQueued = _done.IsSet;
            destroyed += _naive.Update(0);
            CheckWorkers();
        }
        while (!allQueued);

        _destroyed = destroyed;
    }

    [IterationCleanup(Target = nameof(Naive))]
    public void CheckNaive() => Expect.Equal(Total, _destroyed, "resources destroyed");

    [GlobalCleanup]
    public void StopWorkers()
    {
        _stop = true;
        ReleaseWorkers();
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void StartWorkers(bool useNaive)
    {
        _useNaive = useNaive;
        _workers = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int index = t;
            _workers[t] = new Thread(() => Work(index)) { IsBackground = true, Name = $"requester {t}" };
            _workers[t].Start();
        }
    }

    private void ReleaseWorkers()
    {
        foreach (var start in _start)
        {
            start.Release();
        }
    }

    private void Work(int index)
    {
        int first = index * PerThread;
        while (true)
        {
            _start[index].Wait();
            if (_stop)
            {
                return;
            }

            try
            {
                for (int i = first; i < first + PerThread; i++)
                {
                    if (_useNaive)
                    {
                        _naive.RequestDestroy(_naiveLeaves[i], cascade: false);
                    }
                    else
                    {
                        _registry.RequestDestroy(_leaves[i]);
                    }
                }
            }
            catch (Exception error)
            {
                _failure = error;
            }

            _done.Signal();
        }
    }

    /// <summary>A worker that failed would leave the owner updating forever: surface its error instead.</summary>
    private void CheckWorkers()
    {
        if (_failure is { } error)
        {
            throw new InvalidOperationException("A requesting thread failed.", error);
        }
    }
}
