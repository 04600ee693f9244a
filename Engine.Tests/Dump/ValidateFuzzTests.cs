using Engine.Resources.Snapshots;
using Engine.Tests.Snapshots;

namespace Engine.Tests.Dump;

/// <summary>The fuzz corpus through <c>resdump validate</c> in-process: exit 2 with one clean line, or a verdict.</summary>
public class ValidateFuzzTests
{
    [Fact]
    public void MutatedFilesGiveExitCodeTwoWithOneLineOrAVerdict()
    {
        // Thousands of rewrites of one file: use memory-backed /dev/shm where there is one (an overlay /tmp
        // costs milliseconds per write).
        string folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string path = Path.Combine(folder, $"fuzz-{Guid.NewGuid():N}.ressnap");
        try
        {
            // A little over half of the corpus, spread across every kind of mutation: each run goes through
            // the file system and the whole command line, so this keeps the test to seconds.
            IEnumerable<MutatedInput> inputs = MutatedInputs.All(seed: 777).Where((_, i) => i % 20 < 11);
            int count = TimeBoundedLoop.Run(inputs, input =>
            {
                File.WriteAllBytes(path, input.Bytes);
                bool readable = IsReadable(input.Bytes);
                DumpRun run = DumpRunner.Run("validate", path);
                if (!readable)
                {
                    Assert.Equal(2, run.ExitCode);
                    Assert.StartsWith($"resdump: {path}: ", run.Stderr, StringComparison.Ordinal);
                    Assert.Equal(1, run.Stderr.Count(c => c == '\n'));
                    Assert.DoesNotContain("internal error", run.Stderr, StringComparison.Ordinal);
                    Assert.Equal(string.Empty, run.Stdout);
                }
                else
                {
                    Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
                }

                Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(5), input => input.Description);

            Assert.True(count >= 10_000, $"only {count} inputs");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool IsReadable(byte[] bytes)
    {
        try
        {
            SnapshotReader.Read(bytes, "probe");
            return true;
        }
        catch (SnapshotFormatException)
        {
            return false;
        }
    }
}
