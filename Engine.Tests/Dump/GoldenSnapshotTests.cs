using Engine.Resources.Snapshots;
using Engine.Tests.Dump.Sample;

namespace Engine.Tests.Dump;

/// <summary>The checked-in snapshots are exactly what the real registry captures in the sample scenario.</summary>
public class GoldenSnapshotTests
{
    [Fact]
    public void BeforeSnapshotIsTheScenarioCapture()
    {
        using var scenario = new SampleScenario();
        AssertGolden("before.ressnap", scenario.Capture(), SnapshotCompression.None);
    }

    [Fact]
    public void BlockedSnapshotIsTheScenarioCaptureAfterTheCascade()
    {
        using var scenario = new SampleScenario();
        scenario.CascadeDevice();
        AssertGolden("blocked.ressnap", scenario.Capture(), SnapshotCompression.Lz4);
    }

    [Fact]
    public void BrokenSnapshotIsTheHandBuiltOne() =>
        AssertGolden("broken.ressnap", BrokenSnapshot.Create(), SnapshotCompression.None);

    [Fact]
    public void MemorySnapshotIsTheMemoryScenarioCapture()
    {
        using var scenario = new MemoryScenario();
        AssertGolden("memory.ressnap", scenario.Capture(), SnapshotCompression.None);
    }

    /// <summary>docs/resdump.md runs the tool on copies of the golden snapshots: they stay copies.</summary>
    [Theory]
    [InlineData("before.ressnap")]
    [InlineData("blocked.ressnap")]
    [InlineData("broken.ressnap")]
    [InlineData("memory.ressnap")]
    public void DocumentedExamplesAreCopiesOfTheGoldenSnapshots(string name)
    {
        string documented = System.IO.Path.Combine(DocumentedExamples.RepositoryRoot(), "docs", "examples", name);
        if (GoldenFiles.Updating)
        {
            File.Copy(GoldenFiles.SourcePath(name), documented, overwrite: true);
            return;
        }

        Assert.True(File.ReadAllBytes(GoldenFiles.Path(name)).AsSpan().SequenceEqual(File.ReadAllBytes(documented)),
            $"docs/examples/{name} differs from the golden file; regenerate with RESDUMP_UPDATE_GOLDEN=1");
    }

    private static void AssertGolden(string name, ResourceSnapshot expected, SnapshotCompression compression)
    {
        if (GoldenFiles.Updating)
        {
            SnapshotWriter.WriteFile(expected, GoldenFiles.SourcePath(name), compression);
            return;
        }

        ResourceSnapshot actual = SnapshotReader.ReadFile(GoldenFiles.Path(name));
        Assert.True(expected.ContentEquals(actual), $"{name} differs from a fresh capture; regenerate with RESDUMP_UPDATE_GOLDEN=1");
        Assert.Equal(compression, actual.Header.Compression);
    }
}
