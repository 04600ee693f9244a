using System.Text.RegularExpressions;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Dump;

namespace Engine.Tests.Setup;

/// <summary>One version, from Directory.Build.props: the library, resdump, the demo and every snapshot's header agree.</summary>
public sealed class VersionTests
{
    [Fact]
    public void The_demo_resdump_and_snapshot_headers_report_the_version_of_Directory_Build_props()
    {
        string props = File.ReadAllText(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        string version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Equal(version, ResourceRegistry.Version);

        var demoOutput = new StringWriter();
        Assert.Equal(0, Engine.Demo.Program.Run(["--version"], demoOutput, new StringWriter()));
        Assert.Equal($"Engine.Demo {version}", demoOutput.ToString().Trim());

        DumpRun dump = DumpRunner.Run("--version");
        Assert.Equal(0, dump.ExitCode);
        Assert.Equal(version, dump.Stdout.Trim());

        using var registry = Core.PlainRegistry.Create();
        registry.Create(new Core.ScopePayload());
        var bytes = new MemoryStream();
        registry.WriteSnapshot(bytes);
        Assert.Equal(version, SnapshotReader.Read(bytes.ToArray(), "version test").Header.WriterVersion);
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
