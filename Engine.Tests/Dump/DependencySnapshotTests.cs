using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Dump;

/// <summary>Dependency edges travel in snapshots (format 2) and every command shows them.</summary>
public sealed class DependencySnapshotTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dependencies-{Guid.NewGuid():N}.ressnap");

    private struct SurfacePayload
    {
        public int Native;
    }

    private struct SwapchainPayload
    {
        public int Native;
    }

    public DependencySnapshotTests()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<InstancePayload>("Instance");
        registry.RegisterKind<DevicePayload>("Device");
        registry.RegisterKind<SurfacePayload>("Surface");
        registry.RegisterKind<SwapchainPayload>("Swapchain");
        var instance = registry.Create(new InstancePayload(), name: "vulkan");
        var surface = registry.Create(new SurfacePayload { Native = 1 }, instance, "window");
        var device = registry.Create(new DevicePayload(), instance, "gpu");
        var swapchain = registry.Create(new SwapchainPayload { Native = 2 }, device, "swapchain");
        registry.AddDependency(swapchain, surface);
        registry.RequestDestroy(surface);
        registry.Update();

        // The same edges whether written straight from the registry or through a capture.
        using var stream = new MemoryStream();
        registry.WriteSnapshot(stream);
        ResourceSnapshot captured = registry.CaptureSnapshot();
        ResourceSnapshot written = SnapshotReader.Read(stream.ToArray(), "live");
        Assert.Equal(captured.Dependencies, written.Dependencies);
        registry.WriteSnapshotFile(_path);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void The_edge_round_trips()
    {
        ResourceSnapshot snapshot = SnapshotReader.ReadFile(_path);
        Assert.Equal(new SnapshotDependency(new SnapshotHandle(3, 1), new SnapshotHandle(1, 1)), Assert.Single(snapshot.Dependencies));
    }

    [Fact]
    public void Tree_marks_it_dot_draws_it_dashed_blocked_names_the_dependent_and_json_lists_it()
    {
        DumpRun tree = DumpRunner.Run("tree", _path);
        Assert.Contains("Swapchain \"swapchain\" #3v1 alive, f0 ⇢ depends on Surface \"window\" #1v1", tree.Stdout);

        DumpRun dot = DumpRunner.Run("dot", _path);
        Assert.Contains("r3v1 -> r1v1 [style=dashed", dot.Stdout);

        DumpRun blocked = DumpRunner.Run("blocked", _path);
        Assert.Contains("Surface \"window\" #1v1 blocked, f0 — held by what depends on it: Swapchain \"swapchain\" #3v1", blocked.Stdout);
        Assert.Contains("1 dependent", blocked.Stdout);
        Assert.Equal(1, DumpRunner.Run("blocked", _path, "--fail-on", "dependent").ExitCode);

        DumpRun json = DumpRunner.Run("json", _path);
        Assert.Contains("\"dependent\": \"#3v1\"", json.Stdout);

        Assert.Equal(0, DumpRunner.Run("validate", _path).ExitCode);
    }

    [Fact]
    public void Validate_reports_an_edge_to_a_resource_the_file_lacks()
    {
        ResourceSnapshot snapshot = SnapshotReader.ReadFile(_path);
        string broken = _path + ".broken";
        try
        {
            SnapshotWriter.WriteFile(new ResourceSnapshot(snapshot.Frame, snapshot.CapturedAtUtc, [.. snapshot.Records], null,
                [new SnapshotDependency(new SnapshotHandle(3, 1), new SnapshotHandle(77, 1))]), broken);
            DumpRun run = DumpRunner.Run("validate", broken);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("missing dependency: the file holds a dependency edge #3v1 ⇢ #77v1 but not both resources", run.Stdout);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
