using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Dump;

/// <summary><c>blocked</c> groups identical blockers, filters by root cause, and gates CI with --fail-on.</summary>
public sealed class BlockedGroupingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"grouping-{Guid.NewGuid():N}.ressnap");

    public BlockedGroupingTests()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<DevicePayload>("Device");
        registry.RegisterKind<BufferPayload>("Buffer", (ref BufferPayload b) =>
        {
            if (b.Native < 0)
            {
                throw new InvalidOperationException("device lost");
            }
        });
        registry.RegisterKind<ImagePayload>("Image");
        var device = registry.Create(new DevicePayload(), name: "gpu");
        for (int i = 0; i < 498; i++)
        {
            var staging = registry.Create(new BufferPayload { Native = i }, device, "staging");
            registry.MarkInUse(staging, 10 + (ulong)(i % 3));
        }

        registry.Create(new ImagePayload(), device, "font atlas", ResourceFlags.ExplicitRelease);
        registry.Create(new BufferPayload { Native = -1 }, device, "readback");
        registry.RequestDestroy(device, DestroyMode.Cascade);
        registry.Update(completedGpuValue: 5);
        registry.WriteSnapshotFile(_path);
        registry.Dispose();
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Identical_blockers_are_one_line_with_a_count()
    {
        DumpRun run = DumpRunner.Run("blocked", _path);

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.Split('\n');
        Assert.True(lines.Length < 12, run.Stdout);
        Assert.Contains(lines, l => l.Contains("498 × Buffer \"staging\" waiting for GPU (#1v1 … #498v1, f0) — each waits for GPU work to complete (last use at timeline values 10–12)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Image \"font atlas\" #499v1 alive, f0, explicit release", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Buffer \"readback\" #500v1 faulted", StringComparison.Ordinal));
    }

    [Fact]
    public void Cause_shows_only_chains_with_that_root_cause()
    {
        DumpRun run = DumpRunner.Run("blocked", _path, "--cause", "faulted");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Buffer \"readback\"", run.Stdout);
        Assert.DoesNotContain("staging", run.Stdout);
        Assert.DoesNotContain("font atlas", run.Stdout);
    }

    [Theory]
    [InlineData("explicit-release", 1)]
    [InlineData("faulted,gpu", 1)]
    [InlineData("live-child", 0)]
    public void Fail_on_exits_1_when_a_listed_root_cause_is_present(string causes, int exitCode)
    {
        DumpRun run = DumpRunner.Run("blocked", _path, "--fail-on", causes);
        Assert.Equal(exitCode, run.ExitCode);
    }

    [Fact]
    public void An_unknown_cause_is_refused_with_the_choices()
    {
        DumpRun run = DumpRunner.Run("blocked", _path, "--fail-on", "sleepy");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--fail-on takes live-child, explicit-release, gpu, faulted, dependent; got 'sleepy'", run.Stderr);
    }
}
