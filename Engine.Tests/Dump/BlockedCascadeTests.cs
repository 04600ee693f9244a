using Engine.Analysis;
using Engine.Dump.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Dump.Sample;

namespace Engine.Tests.Dump;

/// <summary>A snapshot taken from a live registry in the middle of a blocked cascade.</summary>
public class BlockedCascadeTests
{
    [Fact]
    public void BlockedShowsTheChainTheRegistryReports()
    {
        using var scenario = new SampleScenario();
        ResourceRegistry registry = scenario.Registry;
        // A second level: the atlas image is cascaded, but its explicit-release view keeps it (and the device).
        ResourceHandle atlas = registry.Create(new ImagePayload { Native = 20 }, scenario.Device, "atlas");
        ResourceHandle atlasView = registry.Create(new ImageViewPayload { Native = 21 }, atlas, "atlas view", ResourceFlags.ExplicitRelease);
        scenario.CascadeDevice();

        string path = Path.Combine(Path.GetTempPath(), $"cascade-{Guid.NewGuid():N}.ressnap");
        try
        {
            registry.WriteSnapshotFile(path);
            DumpRun run = DumpRunner.Run("blocked", path);
            Assert.True(run.ExitCode == 0, run.Stderr);
            string[] lines = run.Stdout.Split('\n');
            Assert.True(lines[0] == "Device \"gpu\" #1v1 blocked, f0 — held by 4 children", run.Stdout);
            Assert.Contains("└── Image \"atlas\" #15v1 blocked, f3 — held by 1 child", lines);
            Assert.Contains("    └── ImageView \"atlas view\" #16v1 alive, f3, explicit release — explicit release: a cascade never destroys it; release it explicitly", lines);
            Assert.Contains("├── Buffer \"staging\" #7v1 waiting for GPU, f0, 1.0 MiB — waits for GPU work to complete (last use at timeline value 10)", lines);
            Assert.Contains("├── Image \"shadow map\" #10v1 alive, f1, 2.0 MiB, explicit release — explicit release: a cascade never destroys it; release it explicitly", lines);
            Assert.Contains("├── Buffer \"readback\" #11v1 faulted, f1 — destroy callback failed: InvalidOperationException: vkDestroyBuffer: device lost", lines);
            Assert.Contains("4 pending resources cannot be destroyed yet (4 pending in all); root causes: 2 explicit-release resources, 1 GPU wait, 1 fault.", lines);

            // The snapshot's view of the chain agrees with the registry's own GetBlockers.
            var index = new SnapshotIndex(SnapshotReader.ReadFile(path));
            var analysis = new BlockerAnalysis(index);
            var fromSnapshot = analysis.RootCauseResources([index.ByHandle[new SnapshotHandle(scenario.Device.Id, scenario.Device.Version)]])
                .Select(b => (index.Records[b.Index].Handle.Id, b.Cause.ToString()))
                .OrderBy(b => b.Id).ToList();
            var blockers = new List<Blocker>();
            registry.GetBlockers(scenario.Device, blockers);
            var fromRegistry = blockers.Select(b => (b.Resource.Id, b.Reason.ToString())).OrderBy(b => b.Id).ToList();
            Assert.Equal(fromRegistry, fromSnapshot);
            Assert.Contains((atlasView.Id, nameof(BlockReason.ExplicitRelease)), fromRegistry);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CaptureChangesNothingInTheRegistry()
    {
        using var scenario = new SampleScenario();
        scenario.CascadeDevice();
        ResourceRegistry registry = scenario.Registry;
        long frame = registry.Frame;
        var before = registry.CaptureSnapshot();
        var again = registry.CaptureSnapshot();
        Assert.Equal(frame, registry.Frame);
        Assert.Equal(before.Records.Count, registry.Count);
        Assert.True(before.Records.SequenceEqual(again.Records));
        // The next update behaves exactly as if no capture had happened: the GPU wait ends at value 10.
        UpdateResult result = registry.Update(10);
        Assert.Equal(1, result.Destroyed);
        Assert.False(registry.IsAlive(scenario.Staging));
    }
}
