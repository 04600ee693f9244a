using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// Only RequestDestroy, IsAlive, IsDisposed and the counters may be used off the owner thread; every other member,
/// reads included, throws a clear error. After shutdown, every member behaves as documented.
/// </summary>
public class ThreadRulesTests
{
    private static Exception? OnOtherThread(Action action)
    {
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception error)
            {
                caught = error;
            }
        });
        thread.Start();
        thread.Join();
        return caught;
    }

    public static TheoryData<string> OwnerOnlyReads => new()
    {
        "Get", "GetInfo", "ParentOf", "ChildrenOf", "AncestorsOf", "ChildCount", "StateOf", "GetBlockers",
        "SubtreeSize", "Resources", "CountByKind", "CountsByKind", "CountByState", "Describe", "PathOf",
    };

    private static void Read(ResourceRegistry registry, ResourceHandle<ScopePayload> scope, string member)
    {
        switch (member)
        {
            case "Get": registry.Get(scope); break;
            case "GetInfo": registry.GetInfo(scope); break;
            case "ParentOf": registry.ParentOf(scope); break;
            case "ChildrenOf": registry.ChildrenOf(scope); break;
            case "AncestorsOf": registry.AncestorsOf(scope); break;
            case "ChildCount": registry.ChildCount(scope); break;
            case "StateOf": registry.StateOf(scope); break;
            case "GetBlockers": registry.GetBlockers(scope, new List<Blocker>()); break;
            case "SubtreeSize": registry.SubtreeSize(scope); break;
            case "Resources": _ = registry.Resources; break;
            case "CountByKind": registry.CountByKind("Scope"); break;
            case "CountsByKind": registry.CountsByKind(); break;
            case "CountByState": registry.CountByState(ResourceState.Alive); break;
            case "Describe": registry.Describe(scope); break;
            default: registry.PathOf(scope); break;
        }
    }

    [Theory]
    [MemberData(nameof(OwnerOnlyReads))]
    public void Reads_from_another_thread_throw_a_clear_error(string member)
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload(), name: "s");

        var error = OnOtherThread(() => Read(registry, scope, member));

        var wrongThread = Assert.IsType<InvalidOperationException>(error);
        Assert.StartsWith($"{member} was called on thread ", wrongThread.Message, StringComparison.Ordinal);
        Assert.Contains($"belongs to thread {Environment.CurrentManagedThreadId}", wrongThread.Message, StringComparison.Ordinal);
        Assert.Contains("create with BeginCreate and then Complete", wrongThread.Message, StringComparison.Ordinal);
        Assert.Contains("request destruction with RequestDestroy", wrongThread.Message, StringComparison.Ordinal);
        Assert.Contains($"call {member} on the owner thread", wrongThread.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', wrongThread.Message);
        Read(registry, scope, member); // fine on the owner thread
    }

    [Fact]
    public void The_thread_safe_subset_works_from_another_thread()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload(), name: "s");
        bool alive = false;
        int count = -1;
        DestroyRequestResult result = default;

        Assert.Null(OnOtherThread(() =>
        {
            alive = registry.IsAlive(scope);
            count = registry.Count;
            _ = registry.Frame + (long)registry.CompletedGpuValue;
            _ = registry.IsDisposed;
            result = registry.RequestDestroy(scope);
        }));

        Assert.True(alive);
        Assert.Equal(1, count);
        Assert.Equal(DestroyRequestResult.Queued, result);
        Assert.Equal(ResourceState.Pending, registry.StateOf(scope));
        registry.Update();
        Assert.False(registry.IsAlive(scope));
    }

    [Theory]
    [MemberData(nameof(OwnerOnlyReads))]
    public void After_shutdown_reads_throw_ObjectDisposedException(string member)
    {
        var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload(), name: "s");
        registry.Shutdown();

        Assert.Throws<ObjectDisposedException>(() => Read(registry, scope, member));
    }

    [Fact]
    public void After_shutdown_the_rest_behaves_as_documented()
    {
        var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload(), name: "s");
        var report = registry.Shutdown();

        Assert.False(registry.IsAlive(scope));
        Assert.True(registry.IsDisposed);
        Assert.Equal(DestroyRequestResult.Stale, registry.RequestDestroy(scope));
        Assert.Same(report, registry.Shutdown());
        registry.Dispose();
        Assert.Same(report, registry.TeardownReport);
        Assert.Equal(0, registry.Count);
        Assert.Throws<ObjectDisposedException>(() => registry.Update());
        Assert.Throws<ObjectDisposedException>(() => registry.Create(new ScopePayload()));
        Assert.Throws<ObjectDisposedException>(() => registry.SetParent(scope, ResourceHandle.Null));
        Assert.Throws<ObjectDisposedException>(() => registry.MarkInUse(scope, 1));
        Assert.Throws<ObjectDisposedException>(() => registry.RegisterKind<ImagePayload>("Image"));
        Assert.Same(report, OnOtherThread(() => Assert.Same(report, registry.Shutdown())) is null ? report : null);
    }

    [Fact]
    public void Changes_from_another_thread_throw()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload());
        Assert.StartsWith("Update was called on thread", Assert.IsType<InvalidOperationException>(OnOtherThread(() => registry.Update())).Message, StringComparison.Ordinal);
        Assert.StartsWith("Create was called on thread", Assert.IsType<InvalidOperationException>(OnOtherThread(() => registry.Create(new ScopePayload()))).Message, StringComparison.Ordinal);
        Assert.StartsWith("Shutdown was called on thread", Assert.IsType<InvalidOperationException>(OnOtherThread(() => registry.Shutdown())).Message, StringComparison.Ordinal);
        Assert.StartsWith("MarkInUse was called on thread", Assert.IsType<InvalidOperationException>(OnOtherThread(() => registry.MarkInUse(scope, 1))).Message, StringComparison.Ordinal);
        Assert.StartsWith("RegisterKind was called on thread", Assert.IsType<InvalidOperationException>(OnOtherThread(() => registry.RegisterKind<ImagePayload>("Image"))).Message, StringComparison.Ordinal);
        Assert.True(registry.IsAlive(scope));
        Assert.Equal(1, registry.Count);
        Assert.Equal(0, registry.Frame);
    }
}
