using BenchmarkDotNet.Columns;
using Perfolizer.Horology;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Engine.Bench.Running;

/// <summary>The configurations the command line picks between.</summary>
public static class BenchConfig
{
    /// <summary>
    /// Full: BenchmarkDotNet's default job, one process per case, tiered compilation off. Short: in this process
    /// (building and starting a process per case is what would not fit in a few minutes on two cores), 3 warm-up and
    /// 5 measured iterations of about 100 ms instead of 500 ms for the benchmarks that run many invocations per iteration.
    /// </summary>
    public static IConfig Create(bool shortRun)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
            .AddColumn(StatisticColumn.Median); // the targets are medians; BenchmarkDotNet shows it only for skewed runs

        if (shortRun)
        {
            // In process, tiered compilation is off through the project's runtimeconfig (TieredCompilation=false).
            config = config.AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(100))
                .WithId("Short"));
        }
        else
        {
            // Out of process the benchmark project's runtimeconfig does not apply: say the same through the environment.
            config = config.AddJob(Job.Default
                .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredCompilation", "0"))
                .WithId("Full"));
        }

        return config;
    }
}
