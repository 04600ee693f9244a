using System.Diagnostics;
using Engine.Bench.Forests;
using Engine.Resources;

namespace Engine.Bench.Profiling;

/// <summary>
/// A plain loop for a sampling profiler (<c>perf record</c>) or a cache simulator, outside BenchmarkDotNet: a Trees
/// forest of 1M resources (or the first <c>--live</c> count), aged, then frames that cascade-destroy 1 % of the roots
/// and rebuild them, for the given number of seconds.
/// <c>dotnet run -c Release --project Engine.Bench -- [--live N] --profile SECONDS</c>; prints the time per destroyed
/// resource and the number of frames.
/// </summary>
public static class ProfileLoop
{
    public static int Run(double seconds)
    {
        int live = Environment.GetEnvironmentVariable(LiveCounts.Variable) is null ? 1_000_000 : LiveCounts.Values().First();
        var layout = new ForestLayout(ForestShape.Trees, live);
        var registry = Forest.NewRegistry();
        var roots = Forest.Build(registry, layout, ForestAge.Aged);
        var scratch = new ResourceHandle<BenchPayload>[layout.NodesPerRoot];
        var destroying = new Stopwatch();
        long destroyed = 0;
        long frames = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            destroying.Start();
            for (int i = 0; i < layout.CascadeRoots; i++)
            {
                registry.RequestDestroy(roots[i * layout.CascadeStep], DestroyMode.Cascade);
            }

            destroyed += registry.Update().Destroyed;
            frames++;
            destroying.Stop();
            for (int i = 0; i < layout.CascadeRoots; i++)
            {
                roots[i * layout.CascadeStep] = Forest.BuildTree(registry, layout, scratch);
            }
        }

        Console.WriteLine($"{destroyed:N0} resources destroyed in {frames:N0} frames, {destroying.Elapsed.TotalNanoseconds / destroyed:F1} ns each (cascade of 1 % of the roots per frame, aged Trees forest, {live:N0} live)");
        return 0;
    }
}
