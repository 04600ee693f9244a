using System.Diagnostics;

namespace Engine.Tests.Dump;

/// <summary>A few real launches of the resdump executable: exit codes and stderr as a shell sees them.</summary>
public class ProcessExitCodeTests
{
    [Fact]
    public void ValidSnapshotExitsZero()
    {
        DumpRun run = Launch("validate", GoldenFiles.Path("blocked.ressnap"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid (7 resources", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void InvariantViolationExitsOne()
    {
        DumpRun run = Launch("validate", GoldenFiles.Path("broken.ressnap"));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(Lines(run.Stderr));
        Assert.Contains("7 invariant violations", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedSnapshotExitsTwoWithOneLineAndNoStackTrace()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cut-{Guid.NewGuid():N}.ressnap");
        byte[] bytes = File.ReadAllBytes(GoldenFiles.Path("before.ressnap"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            DumpRun run = Launch("tree", path);
            Assert.Equal(2, run.ExitCode);
            string line = Assert.Single(Lines(run.Stderr));
            Assert.StartsWith($"resdump: {path}: ", line, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", line.Replace(" (at offset", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingFileAndBadArgumentsExitTwo()
    {
        DumpRun missing = Launch("stats", "/no/such/file.ressnap");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("resdump: /no/such/file.ressnap: no such file", Assert.Single(Lines(missing.Stderr)));

        DumpRun bad = Launch("tree", GoldenFiles.Path("blocked.ressnap"), "--state", "sleepy");
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(Lines(bad.Stderr));
        Assert.Contains("sleepy", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpExitsZero()
    {
        DumpRun run = Launch("blocked", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--log-level", run.Stdout, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static DumpRun Launch(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "resdump.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "resdump did not exit within a minute");
        return new DumpRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
