using BenchmarkDotNet.Running;
using Engine.Bench.Forests;
using Engine.Bench.Running;

namespace Engine.Bench;

/// <summary>
/// BenchmarkDotNet's command line, plus three options of this suite: <c>--short</c> (the in-process short
/// configuration), <c>--live N[,N...]</c> (run at these live counts only; the profile loop takes the first) and
/// <c>--profile SECONDS</c> (no benchmark: the loop for a profiler). Exits non-zero when a benchmark fails,
/// so scripts can rely on the exit code.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool shortRun = false;
        double? profileSeconds = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--short")
            {
                shortRun = true;
            }
            else if (args[i] == "--profile" && i + 1 < args.Length)
            {
                profileSeconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--live" && i + 1 < args.Length)
            {
                // Through the environment, so that benchmark processes started by BenchmarkDotNet see it too.
                Environment.SetEnvironmentVariable(LiveCounts.Variable, args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (profileSeconds is { } seconds)
        {
            return Profiling.ProfileLoop.Run(seconds);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], BenchConfig.Create(shortRun)).ToList();
        var failed = summaries
            .SelectMany(s => s.Reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo)
                .Concat(s.HasCriticalValidationErrors ? [$"{s.Title}: validation errors"] : []))
            .ToList();
        foreach (string failure in failed)
        {
            Console.Error.WriteLine($"Benchmark failed: {failure}");
        }

        if (summaries.Count == 0 && rest.Contains("--filter"))
        {
            Console.Error.WriteLine("No benchmark ran.");
            return 1;
        }

        return failed.Count == 0 ? 0 : 1;
    }
}
