using System.Runtime.CompilerServices;

namespace Engine.Tests.Dump;

/// <summary>Finds the resdump examples in the README and docs/resdump.md (console blocks run from docs/).</summary>
public static class DocumentedExamples
{
    public static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));

    public static IEnumerable<DocumentedExample> All()
    {
        foreach (string document in new[] { "README.md", Path.Combine("docs", "resdump.md") })
        {
            string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), document));
            for (int i = 0; i < lines.Length; i++)
            {
                // Pipelines (resdump json | jq) need a shell; the JSON itself is checked by its own example.
                if (!lines[i].StartsWith("$ resdump ", StringComparison.Ordinal) || lines[i].Contains(" | ", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] args = SplitArguments(lines[i]["$ resdump ".Length..]);
                var output = new List<string>();
                int? exitCode = null;
                int j = i + 1;
                for (; j < lines.Length && lines[j] != "```" && !lines[j].StartsWith("$ ", StringComparison.Ordinal); j++)
                {
                    output.Add(lines[j]);
                }

                if (j + 1 < lines.Length && lines[j] == "$ echo $?")
                {
                    exitCode = int.Parse(lines[j + 1], System.Globalization.CultureInfo.InvariantCulture);
                }

                yield return new DocumentedExample(document, args, string.Join('\n', output), exitCode, i, output.Count);
            }
        }
    }

    /// <summary>Shell-like split: spaces separate, single quotes group.</summary>
    private static string[] SplitArguments(string line)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        bool any = false;
        foreach (char c in line)
        {
            if (c == '\'')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            args.Add(current.ToString());
        }

        return [.. args];
    }
}
