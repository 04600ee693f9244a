using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Dump;

/// <summary><c>dot</c>: identical leaves collapse into one counted box, left-to-right layout, blockers shown with a state filter.</summary>
public sealed class DotGroupingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"dot-grouping-{Guid.NewGuid():N}.ressnap");

    public DotGroupingTests()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<DevicePayload>("Device");
        registry.RegisterKind<ImagePayload>("Image");
        var device = registry.Create(new DevicePayload(), name: "gpu");
        for (int i = 0; i < 40; i++)
        {
            registry.Create(new ImagePayload(), device, "glyph page");
        }

        registry.Create(new ImagePayload(), device, "font atlas", ResourceFlags.ExplicitRelease);
        registry.WriteSnapshotFile(_path);
    }

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Identical_leaves_are_one_box_with_a_count()
    {
        DumpRun run = DumpRunner.Run("dot", _path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("label=\"40 × Image\\nglyph page\\nalive, f0\"", run.Stdout);
        Assert.Contains("label=\"Image\\nfont atlas\\n#41v1 alive", run.Stdout); // a single leaf stays itself
        Assert.Contains("legend_explicit [label=\"explicit release\\n(double border)\"", run.Stdout);
        Assert.Contains("rankdir=TB;", run.Stdout);
        Assert.True(run.Stdout.Split('\n').Length < 40);
    }

    [Fact]
    public void Left_to_right_layout_on_request()
    {
        DumpRun run = DumpRunner.Run("dot", _path, "--left-to-right");
        Assert.Contains("rankdir=LR;", run.Stdout);
    }

    [Fact]
    public void A_state_filter_also_draws_what_blocks_the_matches()
    {
        DumpRun run = DumpRunner.Run("dot", GoldenFiles.Path("blocked.ressnap"), "--state", "blocked");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Device\\ngpu", run.Stdout);
        Assert.Contains("staging", run.Stdout);     // waits for the GPU
        Assert.Contains("shadow map", run.Stdout);  // explicit release
        Assert.Contains("readback", run.Stdout);    // faulted
        Assert.DoesNotContain("Swapchain", run.Stdout);
    }
}
