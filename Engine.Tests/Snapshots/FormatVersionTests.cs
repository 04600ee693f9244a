using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;
using Engine.Tests.Dump;

namespace Engine.Tests.Snapshots;

/// <summary>Format 2 keeps the requested destroy mode and the registry id, format 3 placements; format 1 and 2 files are
/// still read.</summary>
public class FormatVersionTests
{
    [Fact]
    public void Requested_modes_and_the_registry_id_round_trip()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload(), name: "frame scope");
        var child = registry.Create(new BufferPayload(), scope, "transient");
        var blocked = registry.Create(new ScopePayload(), name: "level");
        var kept = registry.Create(new BufferPayload(), blocked, "kept");
        var queued = registry.Create(new ScopePayload(), name: "streamed");
        registry.RequestDestroy(scope, DestroyMode.Cascade);
        registry.RequestDestroy(blocked, DestroyMode.Block);
        var thread = new Thread(() => registry.RequestDestroy(queued, DestroyMode.Cascade));
        thread.Start();
        thread.Join();

        using var stream = new MemoryStream();
        registry.WriteSnapshot(stream);
        ResourceSnapshot back = SnapshotReader.Read(stream.ToArray(), "v2.ressnap");

        Assert.Equal(3, back.Header.FormatVersion);
        Assert.Equal(registry.InstanceId.ToString("N"), back.RegistryId);
        DestroyMode? RequestOf(ResourceHandle h) => back.Records.Single(r => r.Handle.Id == h.Id).Requested;
        Assert.Equal(DestroyMode.Cascade, RequestOf(scope));
        Assert.Equal(DestroyMode.Cascade, RequestOf(child));
        Assert.Equal(DestroyMode.Block, RequestOf(blocked));
        Assert.Null(RequestOf(kept));
        Assert.Equal(DestroyMode.Cascade, RequestOf(queued)); // queued by another thread, not yet applied
    }

    [Fact]
    public void A_format_1_file_is_still_read()
    {
        ResourceSnapshot v1 = SnapshotReader.ReadFile(GoldenFiles.Path("blocked-v1.ressnap"));

        Assert.Equal(1, v1.Header.FormatVersion);
        Assert.Null(v1.RegistryId);
        Assert.All(v1.Records, r => Assert.Null(r.Requested));
        ResourceSnapshot v2 = SnapshotReader.ReadFile(GoldenFiles.Path("blocked.ressnap"));
        Assert.Equal(v2.Records.Select(r => r with { Requested = null }), v1.Records);
    }

    [Fact]
    public void A_format_2_file_is_still_read()
    {
        ResourceSnapshot v2 = SnapshotReader.ReadFile(GoldenFiles.Path("blocked-v2.ressnap"));

        Assert.Equal(2, v2.Header.FormatVersion);
        Assert.All(v2.Records, r => Assert.Null(r.Placement));
        ResourceSnapshot v3 = SnapshotReader.ReadFile(GoldenFiles.Path("blocked.ressnap"));
        Assert.Equal(3, v3.Header.FormatVersion);
        Assert.Equal(v3.Records, v2.Records);
    }

    [Fact]
    public void An_unknown_requested_mode_is_rejected()
    {
        var record = new SnapshotRecord(new SnapshotHandle(0, 1), "Scope", "ScopePayload", null, null,
            ResourceState.Pending, SnapshotFlags.None, 0, 0, null, null) { Requested = (DestroyMode)7 };
        byte[] bytes = SnapshotWriter.ToBytes(new ResourceSnapshot(1, DateTime.UnixEpoch, [record]), SnapshotCompression.None);

        var error = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(bytes, "bad.ressnap"));

        Assert.Contains("unknown requested mode 7", error.Message);
    }
}
