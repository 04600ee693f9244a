using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Snapshots;

/// <summary>docs/resdump.md's "Writing a snapshot from the engine", compiled and run (DocumentedSnippetTests checks the
/// page shows it).</summary>
public sealed class DocumentedSnapshotSnippetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("snapshot-snippet-").FullName;
    private readonly string _previous = Directory.GetCurrentDirectory();

    public DocumentedSnapshotSnippetTests() => Directory.SetCurrentDirectory(_dir);

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_previous);
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void The_documented_calls_write_and_read_the_same_forest()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<DevicePayload>("Device");
        registry.RegisterKind<BufferPayload>("Buffer");
        var device = registry.Create(new DevicePayload(), name: "gpu");
        registry.Create(new BufferPayload(), device, "vertices");
        using var stream = new MemoryStream();

        registry.WriteSnapshotFile("frame-1200.ressnap");                // capture + write, LZ4, atomic (temp file + rename)
        registry.WriteSnapshot(stream, SnapshotCompression.None);        // to any stream, uncompressed
        ResourceSnapshot snapshot = registry.CaptureSnapshot();          // in memory: header + one record per resource
        ResourceSnapshot again = SnapshotReader.ReadFile("frame-1200.ressnap");   // validating reader

        Assert.Equal(snapshot.Records, again.Records);
        Assert.Equal(snapshot.Records, SnapshotReader.Read(stream.ToArray(), "stream").Records);
        Assert.Equal(["Device", "Buffer"], again.Records.Select(r => r.Kind));
    }
}
