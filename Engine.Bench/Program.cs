using BenchmarkDotNet.Running;
using Engine.Bench.Forests;
using Engine.Bench.Running;

namespace Engine.Bench;

/// <summary>
/// BenchmarkDotNet's command line, plus two options of this suite: <c>--short</c> (the in-process short
/// configuration) and <c>--live N[,N...]</c> (run at these live counts only). Exits non-zero when a benchmark fails,
/// so scripts can rely on the exit code.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool shortRun = false;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--short")
            {
                shortRun = true;
            }
            else if (args[i] == "--profile" && i + 1 < args.Length)
            {
                return Profiling.ProfileLoop.Run(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture));
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
