using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Engine.Bench.Benchmarks;
using Engine.Bench.Forests;

namespace Engine.Bench.Running;

/// <summary>The median of a <see cref="CascadeDestroy"/> case divided by the number of resources it destroys.</summary>
public sealed class PerDestroyedResourceColumn : IColumn
{
    public string Id => nameof(PerDestroyedResourceColumn);

    public string ColumnName => "Per resource";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Time;

    public string Legend => "Median divided by the number of resources destroyed per invocation";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats)
        {
            return "NA";
        }

        int live = (int)benchmarkCase.Parameters["Live"];
        var shape = (ForestShape)benchmarkCase.Parameters["Shape"];
        int destroyed = CascadeDestroy.Destroyed(shape, live);
        return $"{stats.Median / destroyed:N1} ns ({destroyed:N0})";
    }

    public override string ToString() => ColumnName;
}
