using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>The README's usage example, compiled and run here; a test checks the README shows exactly this code.</summary>
public class ReadmeExampleTests
{
    public struct DeviceHandle
    {
        public int Native;
    }

    public struct FrameScope
    {
        public int Frame;
    }

    public struct BufferHandle
    {
        public int Native;
    }

    private static class NativeApi
    {
        public static readonly List<string> Calls = new();

        public static void DestroyDevice(int device) => Calls.Add($"destroy device {device}");

        public static void DestroyBuffer(int device, int buffer) => Calls.Add($"destroy buffer {buffer} on device {device}");
    }

    [Fact]
    public void The_example_runs_and_destroys_children_first()
    {
        NativeApi.Calls.Clear();

        // README-EXAMPLE-BEGIN
        using var registry = new ResourceRegistry();
        registry.RegisterKind<DeviceHandle>("Device", (ref DeviceHandle d) => NativeApi.DestroyDevice(d.Native));
        registry.RegisterKind<BufferHandle, DeviceHandle>("Buffer",
            (ref BufferHandle b, ref DeviceHandle d) => NativeApi.DestroyBuffer(d.Native, b.Native));
        registry.RegisterKind<FrameScope>("FrameScope");     // a kind with nothing to destroy: no callback

        var device = registry.Create(new DeviceHandle { Native = 1 }, name: "gpu");
        var scope = registry.Create(new FrameScope { Frame = 0 }, device, "frame 0");
        var buffer = registry.Create(new BufferHandle { Native = 2 }, scope, "vertices");

        registry.MarkInUse(buffer, timelineValue: 1);        // GPU submission 1 reads the buffer
        registry.RequestDestroy(scope, DestroyMode.Cascade); // allowed from any thread
        registry.Update(completedGpuValue: 0);               // buffer waits for the GPU, scope is blocked
        registry.Update(completedGpuValue: 1);               // buffer, then scope, are destroyed

        TeardownReport report = registry.Shutdown();         // the device was never released:
        Console.WriteLine(report.Leaks[0]);                  // reported as a leak, then destroyed
        // README-EXAMPLE-END

        Assert.Equal(new[] { "destroy buffer 2 on device 1", "destroy device 1" }, NativeApi.Calls);
        Assert.False(registry.IsAlive(scope));
        Assert.Equal("Device \"gpu\" #0v1 created at frame 0, at Device \"gpu\" #0v1", report.Leaks.Single().ToString());
    }

    [Fact]
    public void The_readme_shows_exactly_the_tested_example()
    {
        string root = RepositoryRoot();
        string source = File.ReadAllText(Path.Combine(root, "Engine.Tests", "Core", "ReadmeExampleTests.cs"));
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));

        string example = Between(source, "// README-EXAMPLE-BEGIN\n", "        // README-EXAMPLE-END");
        string dedented = string.Join("\n", example.TrimEnd('\n').Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
        string shown = Between(readme, "<!-- usage-example -->\n```csharp\n", "```");

        Assert.Equal(dedented.TrimEnd(), shown.TrimEnd());
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Resources.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Resources.sln not found above the test output folder.");
    }

    private static string Between(string text, string start, string end)
    {
        text = text.Replace("\r\n", "\n");
        int s = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(s >= 0, $"marker not found: {start}");
        s += start.Length;
        int e = text.IndexOf(end, s, StringComparison.Ordinal);
        Assert.True(e >= 0, $"marker not found: {end}");
        return text[s..e];
    }
}
