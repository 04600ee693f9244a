using Engine.Demo;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class DemoSnapshotTests
{
    [Fact]
    public void Demo_writes_a_final_snapshot_and_periodic_ones_that_the_dump_tool_validates()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"engine-demo-snap-{Guid.NewGuid():N}");
        string path = Path.Combine(dir, "demo.ressnap");
        var output = new StringWriter();
        var errors = new StringWriter();
        try
        {
            int exit = Program.Run(["--frames", "20", "--snapshot", path, "--snapshot-every", "8", "--report-every", "10"], output, errors);
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");

            var final = SnapshotReader.ReadFile(path);
            Assert.Contains(final.Records, r => r.Kind == "VkInstance" && r.Parent is null);
            Assert.Contains(final.Records, r => r.Kind == "VkDevice");
            Assert.Contains(final.Records, r => r.Kind == "VkPipeline");
            Assert.Contains(output.ToString().Split('\n'), l => l.StartsWith($"snapshot: {path} ({final.Records.Count} resources)", StringComparison.Ordinal));

            // Periodic snapshots at frames 8 and 16, named after their frame.
            string[] periodic = Directory.GetFiles(dir, "demo.frame*.ressnap").Select(Path.GetFileName).Order().ToArray()!;
            Assert.Equal(new[] { "demo.frame000008.ressnap", "demo.frame000016.ressnap" }, periodic);
            Assert.Equal(8, SnapshotReader.ReadFile(Path.Combine(dir, periodic[0])).Frame);

            var validate = Engine.Tests.Dump.DumpRunner.Run("validate", path);
            Assert.True(validate.ExitCode == 0, validate.Stdout + validate.Stderr);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void Snapshot_every_without_a_snapshot_path_is_a_usage_error()
    {
        var errors = new StringWriter();
        Assert.Equal(Program.ExitUsage, Program.Run(["--snapshot-every", "5"], new StringWriter(), errors));
        Assert.Contains("--snapshot-every needs --snapshot", errors.ToString(), StringComparison.Ordinal);
    }
}
