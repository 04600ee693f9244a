using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Engine.Bench.Forests;

namespace Engine.Bench.Running;

/// <summary>
/// Managed heap bytes per live resource beyond the payload, for the structure a case measures (registry, hand-written
/// hierarchy or naive registry): the GC heap after a full collection, with a fresh forest of the case's shape and live
/// count built, minus the heap before, divided by the count, minus the payload's size. Computed in the host process
/// (the measured processes cannot hand it back), once per (structure, shape, live count); it includes the slack of
/// grown arrays, as a real process would hold it.
/// </summary>
public sealed class MemoryPerResourceColumn : IColumn
{
    private static readonly ConcurrentDictionary<(string, ForestShape, int), double> Measured = new();

    public string Id => nameof(MemoryPerResourceColumn);

    public string ColumnName => "Memory/resource";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Managed heap per live resource beyond the payload (GC heap delta / count - payload size)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string structure = benchmarkCase.Descriptor.WorkloadMethod.Name;
        int live = (int)benchmarkCase.Parameters["Live"];
        var shape = (ForestShape)benchmarkCase.Parameters["Shape"];
        double bytes = Measured.GetOrAdd((structure, shape, live), key => Measure(key.Item1, key.Item2, key.Item3));
        return $"{bytes:F0} B";
    }

    public override string ToString() => ColumnName;

    /// <summary>Bytes per resource beyond the payload for one structure holding a fresh forest.</summary>
    public static double Measure(string structure, ForestShape shape, int live)
    {
        var layout = new ForestLayout(shape, live);
        long before = HeapAfterFullCollection();
        object held = structure switch
        {
            "Registry" => BuildRegistry(layout),
            "HandWritten" => BuildHandWritten(layout),
            _ => BuildNaive(layout),
        };
        long after = HeapAfterFullCollection();
        GC.KeepAlive(held);
        return ((double)(after - before) / layout.Total) - Unsafe.SizeOf<BenchPayload>();
    }

    private static object BuildRegistry(ForestLayout layout)
    {
        var registry = Forest.NewRegistry();
        Forest.Build(registry, layout, ForestAge.Fresh);
        return registry;
    }

    private static object BuildHandWritten(ForestLayout layout)
    {
        var hierarchy = Forest.NewHandWritten();
        Forest.Build(hierarchy, layout, ForestAge.Fresh);
        return hierarchy;
    }

    private static object BuildNaive(ForestLayout layout)
    {
        var naive = Forest.NewNaive();
        Forest.Build(naive, layout, ForestAge.Fresh);
        return naive;
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
