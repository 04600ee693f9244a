using System.Text.Json;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Dump;

/// <summary>
/// An engine-like loop with two planted leaks and healthy per-frame churn, two snapshots 100 frames apart:
/// <c>resdump leaks</c> names each leak fully (kind, name, owner path, rhythm) in one command and lists no churn.
/// </summary>
public sealed class LeaksCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("resdump-leaks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private struct QueuePayload
    {
        public int Native;
    }

    private struct FencePayload
    {
        public int Native;
    }

    /// <summary>Runs 200 frames (the registry stamps frame N's resources with creation frame N - 1, the updates run
    /// before them) and writes snapshots after the 100th and the 200th.</summary>
    private (string Old, string New) RunEngine()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<InstancePayload>("Instance");
        registry.RegisterKind<DevicePayload>("Device");
        registry.RegisterKind<QueuePayload>("Queue");
        registry.RegisterKind<ScopePayload>("FrameScope");
        registry.RegisterKind<BufferPayload>("Buffer");
        registry.RegisterKind<FencePayload>("Fence");
        var instance = registry.Create(new InstancePayload(), name: "vulkan");
        var device = registry.Create(new DevicePayload(), instance, "gpu");
        var queue = registry.Create(new QueuePayload { Native = 7 }, device, "transfer queue");
        var textures = registry.Create(new ScopePayload(), device, "texture cache");
        for (int i = 0; i < 50; i++)
        {
            registry.Create(new BufferPayload(), textures, $"texture {i}"); // long-lived, stable: not a leak
        }

        ResourceHandle previous = ResourceHandle.Null;
        string oldPath = Path.Combine(_dir, "frame100.ressnap");
        string newPath = Path.Combine(_dir, "frame200.ressnap");
        for (int frame = 1; frame <= 200; frame++)
        {
            var scope = registry.Create(new ScopePayload { Frame = frame }, device, $"frame {frame}");
            for (int i = 0; i < 8; i++)
            {
                registry.Create(new BufferPayload(), scope, $"transient {frame}/{i}");
            }

            if (!previous.IsNull)
            {
                registry.RequestDestroy(previous, DestroyMode.Cascade); // healthy churn
            }

            previous = scope;
            if (frame % 10 == 0)
            {
                var staging = registry.Create(new BufferPayload(), device, $"staging upload {frame}"); // leak 1
                registry.SetSizeBytes(staging, 65_536);
            }

            registry.Create(new FencePayload { Native = frame }, queue, "upload fence"); // leak 2: one fence per frame, never released
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
    public void Each_planted_leak_is_named_fully_in_one_command_and_churn_is_not()
    {
        (string oldPath, string newPath) = RunEngine();

        DumpRun run = DumpRunner.Run("leaks", oldPath, newPath);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
        string output = run.Stdout;
        Assert.True(output.Contains("frame100.ressnap (frame 100) → frame200.ressnap (frame 200), 100 frames apart", StringComparison.Ordinal), output);
        Assert.True(output.Contains("2 groups grow", StringComparison.Ordinal), output);
        Assert.True(output.Contains("+100  Fence \"upload fence\" under Instance \"vulkan\" / Device \"gpu\" / Queue \"transfer queue\"", StringComparison.Ordinal), output);
        Assert.True(output.Contains("200 now, 100 before; created frames 0–199, every frame", StringComparison.Ordinal), output);
        Assert.True(output.Contains("+10  Buffer \"staging upload #\" under Instance \"vulkan\" / Device \"gpu\"", StringComparison.Ordinal), output);
        Assert.True(output.Contains("20 now, 10 before; created frames 9–199, every 10 frames; 1.3 MiB declared", StringComparison.Ordinal), output);
        Assert.True(output.Contains("e.g. Buffer \"staging upload 200\"", StringComparison.Ordinal), output);
        Assert.DoesNotContain("transient", output);
        Assert.DoesNotContain("FrameScope", output);
        Assert.DoesNotContain("texture", output);
        Assert.True(output.IndexOf("+100", StringComparison.Ordinal) < output.IndexOf("+10 ", StringComparison.Ordinal), "sorted by growth");
    }

    [Fact]
    public void Json_gives_one_object_per_growing_group()
    {
        (string oldPath, string newPath) = RunEngine();

        DumpRun run = DumpRunner.Run("leaks", oldPath, newPath, "--json");

        Assert.Equal(1, run.ExitCode);
        var groups = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal("Fence", groups[0].GetProperty("kind").GetString());
        Assert.Equal(100, groups[0].GetProperty("growth").GetInt32());
        Assert.Equal(1, groups[0].GetProperty("periodFrames").GetInt64());
        Assert.Equal("staging upload #", groups[1].GetProperty("name").GetString());
        Assert.Equal(10, groups[1].GetProperty("periodFrames").GetInt64());
        Assert.Equal("1310720", groups[1].GetProperty("declaredBytes").GetString());
        Assert.Equal("Instance \"vulkan\" / Device \"gpu\"", groups[1].GetProperty("ownerPath").GetString());
    }

    [Fact]
    public void Snapshots_of_two_registries_are_refused_and_swapped_files_warned_about()
    {
        (string oldPath, string newPath) = RunEngine();
        string stranger = Path.Combine(_dir, "stranger.ressnap");
        using (var other = PlainRegistry.Create())
        {
            other.Create(new ScopePayload(), name: "elsewhere");
            other.WriteSnapshotFile(stranger);
        }

        DumpRun refused = DumpRunner.Run("leaks", oldPath, stranger);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("come from different registries", refused.Stderr);

        DumpRun swapped = DumpRunner.Run("leaks", newPath, oldPath);
        Assert.Equal(0, swapped.ExitCode); // nothing grows backwards
        Assert.Contains("the files look swapped", swapped.Stderr);
    }

    /// <summary>docs/resdump.md runs `resdump leaks` on two files of this very engine loop; they stay what it writes
    /// (regenerate with RESDUMP_UPDATE_GOLDEN=1).</summary>
    [Fact]
    public void Documented_example_files_are_this_engine_run()
    {
        (string oldPath, string newPath) = RunEngine();
        string docs = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(GoldenFiles.SourcePath("x"))!, "..", "..", "..", "docs", "examples"));
        foreach ((string made, string name) in new[] { (oldPath, "leaks-frame100.ressnap"), (newPath, "leaks-frame200.ressnap") })
        {
            string documented = Path.Combine(docs, name);
            if (GoldenFiles.Updating)
            {
                File.Copy(made, documented, overwrite: true);
                continue;
            }

            ResourceSnapshot expected = SnapshotReader.ReadFile(made);
            ResourceSnapshot actual = SnapshotReader.ReadFile(documented);
            Assert.True(expected.RecordSpan.SequenceEqual(actual.RecordSpan), $"{name} differs from this engine run; regenerate with RESDUMP_UPDATE_GOLDEN=1");
        }
    }

    [Fact]
    public void No_growth_means_exit_0()
    {
        (string oldPath, _) = RunEngine();
        DumpRun run = DumpRunner.Run("leaks", oldPath, oldPath);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no leak between these snapshots", run.Stdout);
    }
}
