using BenchmarkDotNet.Attributes;

namespace Engine.Bench.Forests;

/// <summary>The <c>Live</c> parameter shared by every benchmark class.</summary>
public abstract class LiveBenchmark
{
    [ParamsSource(nameof(LiveValues))]
    public int Live { get; set; }

    public static IEnumerable<int> LiveValues() => LiveCounts.Values();
}
