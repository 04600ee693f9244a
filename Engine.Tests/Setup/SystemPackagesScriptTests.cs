using System.Diagnostics;

namespace Engine.Tests.Setup;

/// <summary>
/// The check that runs before the demo's and the tests' builds: quiet when everything is installed, one line with the
/// command to run when something is missing and it may not install (not root).
/// </summary>
public sealed class SystemPackagesScriptTests
{
    [Fact]
    public async Task On_a_complete_machine_it_says_nothing_and_succeeds()
    {
        var (exit, stdout, stderr) = await Run("tests");
        Assert.Equal(0, exit);
        Assert.Equal("", stdout + stderr);
    }

    [Theory]
    [InlineData("tests", "graphviz xvfb", "xvfb graphviz")]
    [InlineData("demo", "mesa-vulkan-drivers graphviz", "mesa-vulkan-drivers")]
    public async Task Without_root_it_names_the_missing_packages_and_the_one_command_to_run(string scope, string missing, string named)
    {
        var (exit, stdout, stderr) = await Run(scope, ("ENGINE_SETUP_ASSUME_MISSING", missing), ("ENGINE_SETUP_ASSUME_USER", "1"));
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: missing system packages for the {scope}: {named}; install them with: sudo sh -c 'apt-get update && apt-get install -y {named}'", line);
    }

    [Fact]
    public async Task It_can_be_skipped()
    {
        var (exit, _, stderr) = await Run("tests", ("ENGINE_SETUP_ASSUME_MISSING", "graphviz"), ("ENGINE_SETUP_ASSUME_USER", "1"), ("ENGINE_SKIP_SYSTEM_PACKAGES", "1"));
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(string scope, params (string Name, string Value)[] environment)
    {
        string script = Path.Combine(RepositoryRoot(), "tools", "setup", "system-packages.sh");
        var start = new ProcessStartInfo("bash", [script, scope]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("ENGINE_SKIP_SYSTEM_PACKAGES");
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancel);
        string stderr = await process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel);
        return (process.ExitCode, await stdout, stderr);
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

        throw new InvalidOperationException("repository root not found");
    }
}
