using Engine.Resources;
using System.Diagnostics;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Dump;

/// <summary>
/// Small crafted files aimed at every command: deep chains, parent cycles, hostile names, overflowing sizes.
/// Each must get bounded time, memory and output, escaped text, and no crash.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("resdump-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, SnapshotRecord[] records)
    {
        string path = Path.Combine(_dir, name);
        SnapshotWriter.WriteFile(new ResourceSnapshot(100, new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc), records), path);
        return path;
    }

    private static SnapshotRecord R(int id, int? parent, ResourceState state = ResourceState.Alive, string kind = "Buffer",
        string? name = null, long? size = null, string? fault = null) =>
        new(new SnapshotHandle(id, 1), kind, "Sample." + kind, name, parent is { } p ? new SnapshotHandle(p, 1) : null,
            state, SnapshotFlags.None, 1, 0, size, fault);

    /// <summary>50,000 blocked resources in a chain whose top hangs under one alive resource that hangs under the bottom.</summary>
    private string BlockedCycle()
    {
        const int chain = 50_000;
        var records = new SnapshotRecord[chain + 1];
        records[0] = R(0, chain, ResourceState.Alive, name: "holder");
        for (int i = 1; i <= chain; i++)
        {
            records[i] = R(i, i - 1, ResourceState.Blocked);
        }

        return Write("blocked-cycle.ressnap", records);
    }

    [Fact]
    public void Blocked_on_a_50000_long_cycle_through_an_alive_resource_is_bounded()
    {
        string path = BlockedCycle();
        Assert.True(new FileInfo(path).Length < 16_000, $"the crafted file is small ({new FileInfo(path).Length} bytes)");

        DumpRun run = DumpRunner.Run("blocked", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        string[] lines = run.Stdout.Split('\n');
        Assert.True(lines.Length < 200, $"{lines.Length} lines");
        Assert.True(run.Stdout.Contains("deeper levels not shown", StringComparison.Ordinal), run.Stdout[..Math.Min(3000, run.Stdout.Length)]);
    }

    [Fact]
    public void Validate_names_a_huge_cycle_in_one_short_line_capped_by_limit()
    {
        string path = BlockedCycle();

        DumpRun run = DumpRunner.Run("validate", path, "--limit", "10");

        Assert.Equal(1, run.ExitCode);
        string cycle = Assert.Single(run.Stdout.Split('\n'), l => l.StartsWith("cycle:", StringComparison.Ordinal));
        Assert.True(cycle.Length < 400, $"{cycle.Length} characters");
        Assert.Contains("→ … (49,991 more) →", cycle);
    }

    [Fact]
    public void Stats_on_a_million_deep_chain_prints_a_bounded_histogram()
    {
        const int depth = 1_000_000;
        var records = new SnapshotRecord[depth];
        for (int i = 0; i < depth; i++)
        {
            records[i] = R(i, i == 0 ? null : i - 1);
        }

        string path = Write("deep.ressnap", records);
        var clock = Stopwatch.StartNew();

        DumpRun run = DumpRunner.Run("stats", path);

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Stdout.Length < 20_000, $"{run.Stdout.Length} characters of output");
        Assert.Contains("max depth 999999", run.Stdout);
        Assert.Contains("968750–999999", run.Stdout); // the last of 32 equal ranges
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"stats took {clock.Elapsed}");
    }

    [Fact]
    public void Declared_sizes_that_overflow_a_long_sum_are_shown_positive()
    {
        string path = Write("sizes.ressnap",
        [
            R(0, null, size: long.MaxValue),
            R(1, 0, size: long.MaxValue),
            R(2, 0, size: long.MaxValue),
        ]);

        DumpRun run = DumpRunner.Run("stats", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("24.0 EiB declared", run.Stdout);
        Assert.DoesNotContain("-", run.Stdout.Split('\n')[1]);
    }

    [Fact]
    public void Out_of_range_top_is_refused_with_the_range()
    {
        string path = Write("one.ressnap", [R(0, null)]);
        DumpRun run = DumpRunner.Run("stats", path, "--top", "5000");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--top must be between 0 and 1000, got 5000", run.Stderr);
    }

    public static TheoryData<string> TextCommands => new() { "tree", "blocked", "stats", "diff", "validate", "leaks" };

    [Theory]
    [MemberData(nameof(TextCommands))]
    public void Hostile_names_kinds_and_faults_reach_the_terminal_escaped(string command)
    {
        const string clear = "\u001b[2J\u001b]0;owned\u0007";
        string path = Write("hostile.ressnap",
        [
            R(0, null, ResourceState.Blocked, kind: "Device" + clear, name: "gpu\n├── Buffer \"forged\" #9v9 alive"),
            R(1, 0, ResourceState.Faulted, name: clear + "evil\u202Etxt", fault: "driver says\n" + clear + "bye"),
            R(2, 0, ResourceState.WaitingForGpu, name: "quote\" and back\\slash"),
            R(3, 0, ResourceState.Alive, kind: "Fence" + clear, name: "leaked\n├── Buffer \"forged\" #9v9 alive"),
        ]);
        string other = Write("other.ressnap", [R(5, null, name: "new\none")]);

        DumpRun run = command is "diff" or "leaks" ? DumpRunner.Run(command, other, path) : DumpRunner.Run(command, path);

        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        string output = run.Stdout + run.Stderr;
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
        Assert.DoesNotContain('\u202E', output);
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart(' ', '│', '├', '└', '─').StartsWith("Buffer \"forged\"", StringComparison.Ordinal));
        Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith("bye", StringComparison.Ordinal) || line.StartsWith("one", StringComparison.Ordinal));
    }
}
