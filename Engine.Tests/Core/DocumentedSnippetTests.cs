using System.Text.RegularExpressions;

namespace Engine.Tests.Core;

/// <summary>
/// Every C# block in README.md and docs/ is code the build compiles: each one, its lines compared without their
/// indentation, appears in a source file of the solution (its <c>using</c> lines among that file's), in practice a test
/// that runs it or the file a page shows. A snippet edited in the docs alone, or code changed without its snippet,
/// fails here.
/// </summary>
public class DocumentedSnippetTests
{
    private static readonly Regex CSharpBlock = new(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);

    [Fact]
    public void Every_csharp_block_in_the_docs_is_compiled_by_a_test()
    {
        string root = ReadmeExampleTests.RepositoryRoot();
        string[] documents = [Path.Combine(root, "README.md"), .. Directory.GetFiles(Path.Combine(root, "docs"), "*.md")];
        var sources = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Normalize(File.ReadAllText(f)))
            .ToList();

        int checkedBlocks = 0;
        foreach (string document in documents)
        {
            foreach (Match block in CSharpBlock.Matches(File.ReadAllText(document).ReplaceLineEndings("\n")))
            {
                string[] lines = Normalize(block.Groups["code"].Value).Split('\n');
                string[] usings = [.. lines.Where(l => l.StartsWith("using ", StringComparison.Ordinal) && l.EndsWith(';') && !l.Contains('('))];
                string body = string.Join("\n", lines.Where(l => !usings.Contains(l)));
                bool compiled = sources.Any(source => source.Contains(body, StringComparison.Ordinal) && usings.All(u => source.Contains(u + "\n", StringComparison.Ordinal)));
                Assert.True(compiled, $"{Path.GetFileName(document)}: this C# block is not in any test source file:\n{block.Groups["code"].Value}");
                checkedBlocks++;
            }
        }

        Assert.True(checkedBlocks >= 5, $"only {checkedBlocks} C# blocks found");
    }

    /// <summary>Lines without their indentation or trailing spaces, blank lines dropped: a snippet keeps its meaning
    /// when a test indents it into a method.</summary>
    private static string Normalize(string code) =>
        string.Join("\n", code.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
