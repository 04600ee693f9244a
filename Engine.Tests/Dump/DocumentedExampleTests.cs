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
            var rewrites = new List<(DocumentedExample Example, string Actual)>();
            foreach (DocumentedExample example in examples)
            {
                // Paths are relative to docs/ in the text; generated files go to a scratch folder instead.
                string[] args = [.. example.Args.Select(a => a.StartsWith("/tmp/", StringComparison.Ordinal) ? scratch + a[5..]
                    : a.EndsWith(".png", StringComparison.Ordinal) ? scratch + Path.GetFileName(a)
                    : a.StartsWith("examples/", StringComparison.Ordinal) ? docs + a : a)];
                DumpRun run = DumpRunner.RunPiped(args);
                string actual = (run.Stdout + run.Stderr).TrimEnd('\n');
                foreach (string png in example.Args.Where(a => a.EndsWith(".png", StringComparison.Ordinal)))
                {
                    actual = actual.Replace(scratch + Path.GetFileName(png), png, StringComparison.Ordinal);
                }

                actual = actual
                    .Replace(scratch, "/tmp/", StringComparison.Ordinal)
                    .Replace(docs, string.Empty, StringComparison.Ordinal);
                if (GoldenFiles.Updating)
                {
                    rewrites.Add((example, actual));
                    continue;
                }

                Assert.True(example.Output == actual, $"{example} prints something else now:\n{actual}");
                if (example.ExitCode is { } code)
                {
                    Assert.True(code == run.ExitCode, $"{example} exits {run.ExitCode}, documented {code}");
                }
            }

            // RESDUMP_UPDATE_GOLDEN=1: put today's output under each example (bottom-up, so line numbers hold); review the diff.
            foreach (var document in rewrites.GroupBy(r => r.Example.Document))
            {
                string path = Path.Combine(DocumentedExamples.RepositoryRoot(), document.Key);
                var lines = File.ReadAllLines(path).ToList();
                foreach (var (example, actual) in document.OrderByDescending(r => r.Example.Line))
                {
                    lines.RemoveRange(example.Line + 1, example.OutputLines);
                    lines.InsertRange(example.Line + 1, actual.Length == 0 ? [] : actual.Split('\n'));
                }

                File.WriteAllText(path, string.Join('\n', lines) + "\n");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
