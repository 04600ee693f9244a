using System.Globalization;

namespace Engine.Bench.Forests;

/// <summary>
/// The live-resource counts every benchmark runs at: 10,000 / 100,000 / 1,000,000, or the comma-separated list in
/// <see cref="Variable"/> (the CI smoke run sets one count). An environment variable reaches the benchmark processes
/// BenchmarkDotNet starts, which command-line arguments of the host would not.
/// </summary>
public static class LiveCounts
{
    public const string Variable = "ENGINE_BENCH_LIVE";

    private static readonly int[] Default = [10_000, 100_000, 1_000_000];

    public static IEnumerable<int> Values()
    {
        string? text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture))
            .ToArray();
    }
}
