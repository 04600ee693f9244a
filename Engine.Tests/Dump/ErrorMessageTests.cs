namespace Engine.Tests.Dump;

/// <summary>Every mistake on the command line gets one line that says what is wrong, the allowed values, and where
/// the subcommand's help is; exit code 2, nothing on stdout.</summary>
public class ErrorMessageTests
{
    private static string Golden => GoldenFiles.Path("blocked.ressnap");

    [Theory]
    [InlineData(new[] { "frobnicate", "x" }, "resdump: unknown command 'frobnicate' (commands: tree, stats, blocked, diff, dot, json, validate, leaks) (see 'resdump --help')")]
    [InlineData(new[] { "tree", "GOLDEN", "--limit", "abc" }, "resdump: --limit expects a whole number, got 'abc' (see 'resdump tree --help')")]
    [InlineData(new[] { "tree", "GOLDEN", "--depth", "-3" }, "resdump: --depth must be 0 or more, got -3 (see 'resdump tree --help')")]
    [InlineData(new[] { "stats", "GOLDEN", "--top", "1001" }, "resdump: --top must be between 0 and 1000, got 1001 (see 'resdump stats --help')")]
    [InlineData(new[] { "blocked", "GOLDEN", "--limit", "0" }, "resdump: --limit must be 1 or more, got 0 (see 'resdump blocked --help')")]
    [InlineData(new[] { "validate", "GOLDEN", "--limit", "-1" }, "resdump: --limit must be 0 or more, got -1 (see 'resdump validate --help')")]
    [InlineData(new[] { "leaks", "GOLDEN", "GOLDEN", "--limit", "20000" }, "resdump: --limit must be between 0 and 10000, got 20000 (see 'resdump leaks --help')")]
    [InlineData(new[] { "tree", "GOLDEN", "--state", "sleepy" }, "resdump: Argument 'sleepy' not recognized. Must be one of: 'alive' 'pending' 'blocked' 'waiting' 'faulted' (see 'resdump tree --help')")]
    public void A_mistake_is_one_line_with_the_range_and_the_help_to_read(string[] args, string expected)
    {
        DumpRun run = DumpRunner.Run([.. args.Select(a => a == "GOLDEN" ? Golden : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected + "\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void A_kind_that_matches_nothing_lists_the_kinds_present()
    {
        DumpRun run = DumpRunner.Run("tree", Golden, "--kind", "Bufer");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("resdump: no resource of kind \"Bufer\" in this file; kinds present: Buffer, Device, Image, Instance, Surface, Swapchain\n", run.Stderr);
        Assert.Contains("0 matches", run.Stdout);
    }
}
