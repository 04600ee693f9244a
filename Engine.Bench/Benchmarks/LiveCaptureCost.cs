using BenchmarkDotNet.Attributes;
using Engine.Bench.Forests;
using Engine.Resources.Snapshots;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// What a live capture (<c>CaptureSnapshotAsync</c>, the inspector's) costs the owner thread, on a wide forest:
/// <see cref="OwnerCopy"/> is what its update pays now (the forest copied into records kept between captures),
/// <see cref="WriteOnOwner"/> what it paid when the whole encoded snapshot was written there, and
/// <see cref="WorkerEncode"/> what a worker thread pays afterwards, while frames go on.
/// </summary>
[MemoryDiagnoser]
public class LiveCaptureCost : SnapshotForest
{
    private readonly CapturedForest _captured = new();
    private readonly MemoryStream _stream = new();

    [GlobalSetup]
    public void Setup()
    {
        BuildForest();
        _captured.CopyFrom(Forest); // grows the record buffer once, as the first capture does
        WriteOnOwner();
    }

    [Benchmark]
    public int OwnerCopy()
    {
        _captured.CopyFrom(Forest);
        return Forest.Count;
    }

    [Benchmark(Baseline = true)]
    public long WriteOnOwner()
    {
        _stream.Position = 0;
        Forest.WriteSnapshot(_stream);
        return _stream.Position;
    }

    [Benchmark]
    public int WorkerEncode() => _captured.Encode().Length;
}
