namespace Engine.Tests.Dump;

/// <summary>Every resdump example in the README and docs/resdump.md is what the tool prints today.</summary>
public class DocumentedExampleTests
{
    [Fact]
    public void DocumentedOutputIsRealOutput()
    {
        string docs = Path.Combine(DocumentedExamples.RepositoryRoot(), "docs") + Path.DirectorySeparatorChar;
        string scratch = Path.Combine(Path.GetTempPath(), $"docs-{Guid.NewGuid():N}") + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(scratch);
        try
        {
            // The documented error example reads the first 200 bytes of before.ressnap from /tmp/cut.ressnap.
            File.WriteAllBytes(scratch + "cut.ressnap", File.ReadAllBytes(docs + "examples/before.ressnap")[..200]);
            List<DocumentedExample> examples = [.. DocumentedExamples.All()];
            Assert.True(examples.Count >= 15, $"only {examples.Count} examples found");
            foreach (DocumentedExample example in examples)
            {
                // Paths are relative to docs/ in the text; generated files go to a scratch folder instead.
                string[] args = [.. example.Args.Select(a => a.StartsWith("/tmp/", StringComparison.Ordinal) ? scratch + a[5..]
                    : a.EndsWith(".png", StringComparison.Ordinal) ? scratch + Path.GetFileName(a)
                    : a.StartsWith("examples/", StringComparison.Ordinal) ? docs + a : a)];
                DumpRun run = DumpRunner.RunPiped(args);
                string actual = (run.Stdout + run.Stderr).TrimEnd('\n')
                    .Replace(scratch + "blocked.png", "examples/blocked.png", StringComparison.Ordinal)
                    .Replace(scratch, "/tmp/", StringComparison.Ordinal)
                    .Replace(docs, string.Empty, StringComparison.Ordinal);
                Assert.True(example.Output == actual, $"{example} prints something else now:\n{actual}");
                if (example.ExitCode is { } code)
                {
                    Assert.True(code == run.ExitCode, $"{example} exits {run.ExitCode}, documented {code}");
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
