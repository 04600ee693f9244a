using System.Text.Json;
using Engine.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Dump;

/// <summary>
/// An engine loop with every shape of slow leak at once, beside healthy churn: a plain unreleased resource, an
/// unreleased subtree (a scope with its buffer and memory), and releases that can never go because a resource owned
/// elsewhere depends on them. One <c>resdump leaks</c> names each with its owner, its cause and its period, and
/// <c>resdump blocked</c> tells the same story about the same file.
/// </summary>
public sealed class LeakShapesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("resdump-leak-shapes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private struct QueuePayload;

    private struct QueryPayload;

    private struct MemoryPayload;

    private struct FencePayload;

    private (string Old, string New) RunEngine()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<InstancePayload>("Instance");
        registry.RegisterKind<DevicePayload>("Device");
        registry.RegisterKind<QueuePayload>("Queue");
        registry.RegisterKind<ScopePayload>("FrameScope");
        registry.RegisterKind<BufferPayload>("Buffer");
        registry.RegisterKind<MemoryPayload>("DeviceMemory");
        registry.RegisterKind<QueryPayload>("Query");
        registry.RegisterKind<FencePayload>("Fence");
        var instance = registry.Create(new InstancePayload(), name: "vulkan");
        var device = registry.Create(new DevicePayload(), instance, "gpu");
        var queue = registry.Create(new QueuePayload(), device, "graphics queue");
        ResourceHandle previous = ResourceHandle.Null;
        string oldPath = Path.Combine(_dir, "frame100.ressnap");
        string newPath = Path.Combine(_dir, "frame200.ressnap");
        for (int frame = 1; frame <= 200; frame++)
        {
            // Healthy churn: a per-frame scope with transients, released by cascade a frame later.
            var scope = registry.Create(new ScopePayload { Frame = frame }, device, $"frame {frame}");
            registry.Create(new BufferPayload(), scope, $"transient {frame}");
            if (!previous.IsNull)
            {
                registry.RequestDestroy(previous, DestroyMode.Cascade);
            }

            previous = scope;

            // Shape 1: a plain leak, one fence per frame.
            registry.Create(new FencePayload(), queue, "present fence");

            // Shape 2: an unreleased subtree every 5 frames: one mistake, three resources.
            if (frame % 5 == 0)
            {
                var upload = registry.Create(new ScopePayload { Frame = frame }, device, $"upload scope {frame}");
                var memory = registry.Create(new MemoryPayload(), upload, $"upload memory {frame}");
                registry.Create(new BufferPayload(), memory, $"upload {frame}");
            }

            // Shape 3: a pass released every 4 frames, pinned forever by a query (owned by the queue) that depends on
            // it and that nobody releases.
            if (frame % 4 == 0)
            {
                var pass = registry.Create(new ScopePayload { Frame = frame }, device, $"pass {frame}");
                var query = registry.Create(new QueryPayload(), queue, $"pass query {frame}");
                registry.AddDependency(query, pass);
                registry.RequestDestroy(pass, DestroyMode.Cascade);
            }

            registry.Update();
            if (frame == 100)
            {
                registry.WriteSnapshotFile(oldPath);
            }
        }

        registry.WriteSnapshotFile(newPath);
        return (oldPath, newPath);
    }

    [Fact]
    public void One_leaks_command_names_every_shape_with_its_owner_its_cause_and_its_period()
    {
        (string oldPath, string newPath) = RunEngine();

        DumpRun run = DumpRunner.Run("leaks", oldPath, newPath);

        Assert.Equal(1, run.ExitCode);
        string output = run.Stdout;
        Assert.True(output.Contains("4 groups grow", StringComparison.Ordinal), output);

        // The plain leak.
        Assert.True(output.Contains("+100  Fence \"present fence\" under Instance \"vulkan\" / Device \"gpu\" / Queue \"graphics queue\"", StringComparison.Ordinal), output);

        // The leaked subtree: one group, its descendants inside it, not three groups.
        string subtree = Section(output, "FrameScope \"upload scope #\"");
        Assert.True(subtree.StartsWith("+20  FrameScope \"upload scope #\" under Instance \"vulkan\" / Device \"gpu\"", StringComparison.Ordinal), subtree);
        Assert.Contains("every 5 frames", subtree);
        Assert.Contains("with 80 descendants: 40 × DeviceMemory \"upload memory #\", 40 × Buffer \"upload #\"", subtree);
        Assert.DoesNotContain("+20  Buffer", output);
        Assert.DoesNotContain("+20  DeviceMemory", output);

        // The stuck releases, with what pins them; and the pinning group counts its dependency edges as blocking.
        string stuck = Section(output, "FrameScope \"pass #\"");
        Assert.True(stuck.StartsWith("+25  FrameScope \"pass #\" under Instance \"vulkan\" / Device \"gpu\", released but never destroyed", StringComparison.Ordinal), stuck);
        Assert.Contains("every 4 frames", stuck);
        Assert.Matches("50 of them kept by Query \"pass query [0-9]+\" #[0-9]+v[0-9]+ alive, f[0-9]+ — depends on a pending resource", stuck);
        string queries = Section(output, "Query \"pass query #\"");
        Assert.True(queries.StartsWith("+25  Query \"pass query #\" under Instance \"vulkan\" / Device \"gpu\" / Queue \"graphics queue\"", StringComparison.Ordinal), queries);
        Assert.Matches("50 of them keep FrameScope \"pass [0-9]+\" #[0-9]+v[0-9]+ blocked, f[0-9]+ from being destroyed", queries);
        Assert.DoesNotContain("blocks nothing", queries);

        // Healthy churn is not a leak.
        Assert.DoesNotContain("transient", output);
        Assert.DoesNotContain("\"frame #\"", output);
    }

    [Fact]
    public void Blocked_tells_the_same_story_grouping_identical_chains()
    {
        (_, string newPath) = RunEngine();

        DumpRun run = DumpRunner.Run("blocked", newPath);

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.Split('\n');
        string group = Assert.Single(lines, l => l.Contains("× FrameScope \"pass", StringComparison.Ordinal));
        Assert.StartsWith("50 × FrameScope \"pass 4\" blocked (", group);
        Assert.Contains("held by what depends on it", group);
        Assert.Contains(lines, l => l.Contains("50 × Query \"pass query 4\" alive (", StringComparison.Ordinal) && l.Contains("depends on a pending resource", StringComparison.Ordinal));
        Assert.Contains("root causes: 50 dependents", run.Stdout);
    }

    [Fact]
    public void Json_and_the_live_groups_carry_the_shape()
    {
        (string oldPath, string newPath) = RunEngine();

        DumpRun run = DumpRunner.Run("leaks", oldPath, newPath, "--json");

        var groups = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        JsonElement stuck = groups.Single(g => g.GetProperty("name").GetString() == "pass #");
        Assert.True(stuck.GetProperty("stuckRelease").GetBoolean());
        Assert.Equal("dependent", stuck.GetProperty("pinCause").GetString());
        JsonElement subtree = groups.Single(g => g.GetProperty("name").GetString() == "upload scope #");
        Assert.Equal(2, subtree.GetProperty("descendants").GetArrayLength());

        // What the inspector samples to flag growing groups: the same groups, stuck releases included.
        var index = new SnapshotIndex(SnapshotReader.Read(File.ReadAllBytes(newPath), newPath));
        Dictionary<LeakGroupKey, int> counts = LeakAnalysis.GroupCounts(index);
        Assert.Equal(50, counts.Single(c => c.Key.Name == "pass #").Value);
        Assert.True(counts.Single(c => c.Key.Name == "pass #").Key.IsStuckRelease);
    }

    /// <summary>The lines of the group whose first line names <paramref name="label"/>, up to the next blank line.</summary>
    private static string Section(string output, string label)
    {
        string[] blocks = output.Split("\n\n");
        return blocks.Single(b => b.Split('\n')[0].Contains(label, StringComparison.Ordinal)).Trim('\n');
    }
}
