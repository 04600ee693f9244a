using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Dump;

/// <summary><c>diff</c> matches by handle and identity and shows moves and renames, not only state changes.</summary>
public sealed class DiffIdentityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("resdump-diff-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_move_between_snapshots_is_reported_with_both_parents()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<ScopePayload>("Scope");
        registry.RegisterKind<BufferPayload>("Buffer");
        var level = registry.Create(new ScopePayload(), name: "level 1");
        var shared = registry.Create(new ScopePayload(), name: "shared");
        var mesh = registry.Create(new BufferPayload(), level, "mesh");
        string before = Path.Combine(_dir, "before.ressnap");
        string after = Path.Combine(_dir, "after.ressnap");
        registry.WriteSnapshotFile(before);
        registry.SetParent(mesh, shared);
        registry.Update();
        registry.WriteSnapshotFile(after);

        DumpRun run = DumpRunner.Run("diff", before, after);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("0 added, 0 removed, 1 changed, net 0", run.Stdout);
        Assert.Contains("~ Buffer \"mesh\" #2v1, f0: moved from Scope \"level 1\" #0v1 to Scope \"shared\" #1v1", run.Stdout);
    }

    [Fact]
    public void A_handle_naming_another_kind_is_a_removal_and_an_addition_and_renames_show()
    {
        static SnapshotRecord R(int id, string kind, string name, ResourceState state = ResourceState.Alive) =>
            new(new SnapshotHandle(id, 1), kind, kind + "Payload", name, null, state, SnapshotFlags.None, 0, 0, null, null);
        string before = Path.Combine(_dir, "a.ressnap");
        string after = Path.Combine(_dir, "b.ressnap");
        SnapshotWriter.WriteFile(new ResourceSnapshot(1, DateTime.UnixEpoch, [R(0, "Buffer", "vb"), R(1, "Image", "albedo")]), before);
        SnapshotWriter.WriteFile(new ResourceSnapshot(2, DateTime.UnixEpoch, [R(0, "Fence", "vb"), R(1, "Image", "albedo 2", ResourceState.Pending)]), after);

        DumpRun run = DumpRunner.Run("diff", before, after);

        Assert.Contains("1 added, 1 removed, 1 changed", run.Stdout);
        Assert.Contains("+ Fence \"vb\" #0v1", run.Stdout);
        Assert.Contains("- Buffer \"vb\" #0v1", run.Stdout);
        Assert.Contains("~ Image \"albedo 2\" #1v1, f0: alive → pending; renamed from \"albedo\"", run.Stdout);
    }

    [Fact]
    public void Snapshots_of_two_registries_are_refused()
    {
        string a = Path.Combine(_dir, "one.ressnap");
        string b = Path.Combine(_dir, "two.ressnap");
        foreach (string path in new[] { a, b })
        {
            using var registry = PlainRegistry.Create();
            registry.Create(new ScopePayload(), name: "root");
            registry.WriteSnapshotFile(path);
        }

        DumpRun run = DumpRunner.Run("diff", a, b);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("come from different registries", run.Stderr);
    }
}
