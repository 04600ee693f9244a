namespace Engine.Tests.Dump;

public class HelpTests
{
    [Theory]
    [InlineData]
    [InlineData("tree")]
    [InlineData("stats")]
    [InlineData("blocked")]
    [InlineData("diff")]
    [InlineData("dot")]
    [InlineData("json")]
    [InlineData("validate")]
    public void EveryCommandHasHelp(params string[] command)
    {
        DumpRun run = DumpRunner.Run([.. command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(command.Length == 0 ? "resdump" : command[0], run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void NoCommandIsABadArgument()
    {
        DumpRun run = DumpRunner.Run();
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
