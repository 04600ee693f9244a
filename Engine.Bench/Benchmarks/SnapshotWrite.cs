using BenchmarkDotNet.Attributes;
using Engine.Bench.Forests;
using Engine.Bench.Running;
using Engine.Resources.Snapshots;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// Capturing a live wide forest and serializing it straight into a stream, with and without LZ4: what a debug dump
/// costs the frame that takes it. The stream is reused, so neither its growth nor a disk is in the figure.
/// </summary>
[MemoryDiagnoser]
[BytesPerResourceColumn]
public class SnapshotWrite : SnapshotForest
{
    private MemoryStream _stream = null!;

    [Params(SnapshotCompression.Lz4, SnapshotCompression.None)]
    public SnapshotCompression Compression { get; set; }

    [GlobalSetup]
    public void SetupStream()
    {
        BuildForest();
        _stream = new MemoryStream();
        Registry(); // grows the stream once
    }

    [Benchmark]
    public long Registry()
    {
        _stream.Position = 0;
        Forest.WriteSnapshot(_stream, Compression);
        return _stream.Position;
    }

    /// <summary>The size of one snapshot of this forest, for the bytes-per-resource column.</summary>
    public static long SnapshotBytes(int live, SnapshotCompression compression)
    {
        var bench = new SnapshotWrite { Live = live, Compression = compression };
        bench.SetupStream();
        return bench._stream.Position;
    }
}
