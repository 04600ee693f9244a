using BenchmarkDotNet.Attributes;
using Engine.Bench.Forests;
using Engine.Resources.Snapshots;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// Capturing a live wide forest into an in-memory <see cref="ResourceSnapshot"/> (what a tool embedded in the engine
/// inspects). No naive counterpart: the baseline has no snapshot format.
/// </summary>
[MemoryDiagnoser]
public class SnapshotCapture : SnapshotForest
{
    [GlobalSetup]
    public void Setup() => BuildForest();

    [Benchmark]
    public int Registry() => Forest.CaptureSnapshot().Records.Count;
}
