namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class VulkanLoopExampleTests
{
    [Fact]
    public void The_documented_engine_loop_runs_clean()
    {
        var (report, validation) = VulkanLoopExample.Run(frames: 30);

        Assert.Empty(report.Leaks);
        Assert.True(report.IsClean);
        Assert.True(validation.Clean, validation.ToString());
    }

    [Fact]
    public void The_document_shows_exactly_the_tested_code()
    {
        string root = RepositoryRoot();
        string code = Between(File.ReadAllText(Path.Combine(root, "Engine.Tests", "Render", "VulkanLoopExample.cs")), "// example:begin\n", "// example:end");
        string doc = Between(File.ReadAllText(Path.Combine(root, "docs", "vulkan-integration.md")), "```csharp\n", "```");

        Assert.Equal(code.Trim(), doc.Trim());
    }

    [Fact]
    public void The_documented_window_loop_recreates_its_swapchain_cleanly()
    {
        using var xvfb = new XvfbDisplay();
        var (report, validation, recreations) = WindowLoopExample.Run(frames: 60, xvfb.Name);

        Assert.Empty(report.Leaks);
        Assert.True(report.IsClean);
        Assert.True(validation.Clean, validation.ToString());
        Assert.True(recreations >= 10, $"{recreations} recreations");
    }

    [Fact]
    public void The_document_shows_exactly_the_tested_window_loop()
    {
        string root = RepositoryRoot();
        string code = Between(File.ReadAllText(Path.Combine(root, "Engine.Tests", "Render", "WindowLoopExample.cs")), "// window-example:begin\n", "// window-example:end");
        string doc = Between(File.ReadAllText(Path.Combine(root, "docs", "vulkan-integration.md")), "<!-- window-example -->\n```csharp\n", "```");

        Assert.Equal(code.Trim(), doc.Trim());
    }

    private static string Between(string text, string start, string end)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"missing {start.Trim()}");
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to >= 0, $"missing {end.Trim()}");
        return text[from..to];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Resources.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Resources.sln not found above " + AppContext.BaseDirectory);
    }
}
