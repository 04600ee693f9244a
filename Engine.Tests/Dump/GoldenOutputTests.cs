namespace Engine.Tests.Dump;

/// <summary>Every command's output on the checked-in snapshots, compared with the expected text.</summary>
public class GoldenOutputTests
{
    [Theory]
    [InlineData("tree.txt", 0, "tree", "blocked.ressnap")]
    [InlineData("tree-depth1.txt", 0, "tree", "before.ressnap", "--depth", "1")]
    [InlineData("tree-state-blocked.txt", 0, "tree", "blocked.ressnap", "--state", "blocked")]
    [InlineData("tree-name-glob.txt", 0, "tree", "before.ressnap", "--name", "*commands")]
    [InlineData("tree-limit.txt", 0, "tree", "before.ressnap", "--limit", "2")]
    [InlineData("stats.txt", 0, "stats", "blocked.ressnap")]
    [InlineData("blocked.txt", 0, "blocked", "blocked.ressnap")]
    [InlineData("blocked-none.txt", 0, "blocked", "before.ressnap")]
    [InlineData("diff.txt", 0, "diff", "before.ressnap blocked.ressnap")]
    [InlineData("dot.txt", 0, "dot", "blocked.ressnap")]
    [InlineData("json.txt", 0, "json", "blocked.ressnap")]
    [InlineData("validate.txt", 0, "validate", "blocked.ressnap")]
    [InlineData("validate-broken.txt", 1, "validate", "broken.ressnap")]
    public void CommandOutputMatchesGolden(string golden, int exitCode, string command, string file, params string[] options)
    {
        string[] args = [command, .. file.Split(' ').Select(GoldenFiles.Path), .. options];
        DumpRun run = DumpRunner.Run(args);
        Assert.True(exitCode == run.ExitCode, $"exit {run.ExitCode}, stderr: {run.Stderr}");
        // Paths differ per machine; the golden text names files relative to the golden folder.
        string folder = GoldenFiles.Path(string.Empty);
        GoldenFiles.AssertMatches(golden, run.Stdout.Replace(folder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal));
    }
}
