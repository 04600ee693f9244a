namespace Engine.Tests.Dump;

public class LoggingTests
{
    [Fact]
    public void LogFileGetsStructuredEventsAndConsoleFollowsTheLevel()
    {
        string log = Path.Combine(Path.GetTempPath(), $"resdump-{Guid.NewGuid():N}.log");
        try
        {
            DumpRun run = DumpRunner.Run("stats", GoldenFiles.Path("blocked.ressnap"), "--log-file", log, "--log-level", "debug");
            Assert.Equal(0, run.ExitCode);
            // Console events go to stderr so stdout stays parseable.
            Assert.Contains("DBG] resdump stats started", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("INF] Read ", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("[", run.Stdout.Split('\n')[0], StringComparison.Ordinal);
            string text = ReadShared(log);
            Assert.Contains("\"Level\":\"Information\"", text, StringComparison.Ordinal);
            Assert.Contains("\"Resources\":7", text, StringComparison.Ordinal);
            Assert.Contains("\"Frame\":4", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public void FailureDetailsGoToTheLogFileNotTheConsole()
    {
        string log = Path.Combine(Path.GetTempPath(), $"resdump-{Guid.NewGuid():N}.log");
        string bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.ressnap");
        File.WriteAllBytes(bad, [0x93, 0x01, 0x02, 0x03]);
        try
        {
            DumpRun run = DumpRunner.Run("tree", bad, "--log-file", log, "--log-level", "verbose");
            Assert.Equal(2, run.ExitCode);
            string[] errorLines = [.. run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('['))];
            Assert.Equal($"resdump: {bad}: not a resource snapshot (bad magic) (at offset 0)", Assert.Single(errorLines));
            Assert.DoesNotContain("SnapshotFormatException", run.Stderr, StringComparison.Ordinal);
            string text = ReadShared(log);
            Assert.Contains("\"Level\":\"Error\"", text, StringComparison.Ordinal);
            Assert.Contains("\"Command\":\"tree\"", text, StringComparison.Ordinal);
            Assert.Contains("Engine.Resources.Snapshots.SnapshotFormatException", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
            File.Delete(bad);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
