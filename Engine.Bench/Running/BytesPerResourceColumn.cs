using System.Collections.Concurrent;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Engine.Bench.Benchmarks;
using Engine.Resources.Snapshots;

namespace Engine.Bench.Running;

/// <summary>
/// Bytes per resource of the snapshot a <see cref="SnapshotWrite"/> case writes. Computed in the host process (the
/// measured processes cannot hand it back), by writing the same forest once; the format is deterministic apart from
/// its timestamp, so the size is the one measured.
/// </summary>
public sealed class BytesPerResourceColumn : IColumn
{
    private static readonly ConcurrentDictionary<(int, SnapshotCompression), long> Sizes = new();

    public string Id => nameof(BytesPerResourceColumn);

    public string ColumnName => "Bytes/resource";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Snapshot size divided by the number of live resources";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        int live = (int)benchmarkCase.Parameters["Live"];
        var compression = (SnapshotCompression)benchmarkCase.Parameters["Compression"];
        long bytes = Sizes.GetOrAdd((live, compression), key => SnapshotWrite.SnapshotBytes(key.Item1, key.Item2));
        return $"{(double)bytes / live:F2} ({bytes:N0} B)";
    }

    public override string ToString() => ColumnName;
}
