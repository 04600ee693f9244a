namespace Engine.Tests.Dump;

public class DotPngTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

    [Fact]
    public void PngIsRenderedWithGraphviz()
    {
        // CI installs Graphviz (.ci/run); a machine without it fails here rather than silently passing.
        string png = Path.Combine(Path.GetTempPath(), $"forest-{Guid.NewGuid():N}.png");
        try
        {
            DumpRun run = DumpRunner.Run("dot", GoldenFiles.Path("blocked.ressnap"), "--png", png);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Equal(PngSignature, File.ReadAllBytes(png)[..8]);
            Assert.Equal($"wrote {png} (7 resources)\n", run.Stdout);
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public void MissingGraphvizSaysHowToInstallIt()
    {
        DumpRun run = DumpRunner.RunWithDot("/nonexistent/dot", "dot", GoldenFiles.Path("blocked.ressnap"), "--png", "/tmp/never.png");
        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install graphviz", line, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/never.png"));
    }

    [Fact]
    public void DotFileIsWrittenWithOutputOption()
    {
        string dot = Path.Combine(Path.GetTempPath(), $"forest-{Guid.NewGuid():N}.dot");
        try
        {
            DumpRun run = DumpRunner.Run("dot", GoldenFiles.Path("blocked.ressnap"), "-o", dot, "--kind", "buffer");
            Assert.Equal(0, run.ExitCode);
            string text = File.ReadAllText(dot);
            Assert.StartsWith("digraph resources {", text, StringComparison.Ordinal);
            Assert.Contains("r7v1 [label=\"Buffer\\nstaging", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Swapchain", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(dot);
        }
    }
}
