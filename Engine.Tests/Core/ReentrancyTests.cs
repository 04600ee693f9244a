using Engine.Resources;
using Engine.Resources.Ecs;

namespace Engine.Tests.Core;

/// <summary>
/// Destroy callbacks that call back into their registry. Reads and RequestDestroy / MarkInUse / SetSizeBytes work;
/// Update, Shutdown, Dispose, Create, SetParent, RetryDestroy, Abandon, RegisterKind and Reserve throw, naming the
/// resource whose callback runs, and change nothing. Nothing is ever destroyed twice.
/// </summary>
public class ReentrancyTests
{
    private sealed class Reentrant
    {
        public ResourceRegistry Registry { get; } = PlainRegistry.Create();

        public Action<ResourceRegistry>? OnDestroy { get; set; }

        public List<int> Destroyed { get; } = new();

        public List<Exception> Errors { get; } = new();

        public Reentrant() =>
            Registry.RegisterKind<BufferPayload>("Buffer", (ref BufferPayload b) =>
            {
                Destroyed.Add(b.Native);
                try
                {
                    OnDestroy?.Invoke(Registry);
                }
                catch (Exception error)
                {
                    Errors.Add(error);
                }
            });
    }

    [Fact]
    public void Update_from_a_callback_is_refused_and_the_resource_is_destroyed_once()
    {
        var r = new Reentrant();
        var buffer = r.Registry.Create(new BufferPayload { Native = 7 }, name: "vertices");
        var other = r.Registry.Create(new BufferPayload { Native = 8 }, name: "indices");

        // Scheduled twice in one frame: the old code's nested update destroyed it from the second work entry.
        Assert.Equal(DestroyRequestResult.Queued, r.Registry.RequestDestroy(buffer, DestroyMode.Block));
        Assert.Equal(DestroyRequestResult.Queued, r.Registry.RequestDestroy(buffer, DestroyMode.Cascade));
        Assert.Equal(DestroyRequestResult.Queued, r.Registry.RequestDestroy(other));
        r.OnDestroy = registry => registry.Update();

        var result = r.Registry.Update();

        Assert.Equal(new[] { 7, 8 }, r.Destroyed);
        Assert.Equal(2, result.Destroyed);
        Assert.Equal(2, r.Errors.Count);
        var error = Assert.IsType<InvalidOperationException>(r.Errors[0]);
        Assert.Contains("Update cannot be called from inside the destroy callback of Buffer \"vertices\" #0v1", error.Message);
        Assert.False(r.Registry.IsAlive(buffer));
        Assert.Equal(0, r.Registry.Count);

        // Each slot went on the free list once: two new resources get two different slots.
        r.OnDestroy = null;
        var a = r.Registry.Create(new BufferPayload { Native = 1 });
        var b = r.Registry.Create(new BufferPayload { Native = 2 });
        Assert.NotEqual(a.Id, b.Id);
        Assert.False(r.Registry.IsAlive(buffer));
        r.Registry.Dispose();
    }

    [Theory]
    [InlineData("Shutdown")]
    [InlineData("Dispose")]
    public void Shutdown_from_a_callback_is_refused_not_recursed(string call)
    {
        var r = new Reentrant();
        var buffer = r.Registry.Create(new BufferPayload { Native = 1 }, name: "b");
        r.OnDestroy = registry =>
        {
            if (call == "Shutdown")
            {
                registry.Shutdown();
            }
            else
            {
                registry.Dispose();
            }
        };
        r.Registry.RequestDestroy(buffer);

        r.Registry.Update();

        Assert.Equal(new[] { 1 }, r.Destroyed);
        var error = Assert.Single(r.Errors);
        Assert.Contains($"{call} cannot be called from inside the destroy callback of Buffer \"b\" #0v1", error.Message);
        Assert.False(r.Registry.IsDisposed);

        // The same during the shutdown's own teardown.
        r.Registry.Create(new BufferPayload { Native = 2 }, name: "leaked");
        var report = r.Registry.Shutdown();
        Assert.Equal(new[] { 1, 2 }, r.Destroyed);
        Assert.Equal(2, r.Errors.Count);
        Assert.Contains("from inside the destroy callback of Buffer \"leaked\"", r.Errors[1].Message);
        Assert.Equal(1, report.Destroyed);
        Assert.True(r.Registry.IsDisposed);
    }

    public static TheoryData<string> RefusedCalls => new()
    {
        "Create", "CreateUnder", "SetParent", "RetryDestroy", "Abandon", "RegisterKind", "Reserve",
    };

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public void Structural_changes_from_a_callback_are_refused_and_change_nothing(string call)
    {
        var r = new Reentrant();
        var keep = r.Registry.Create(new ScopePayload(), name: "keep");
        var moved = r.Registry.Create(new ScopePayload(), keep, "moved");
        var doomed = r.Registry.Create(new BufferPayload { Native = 3 }, name: "doomed");
        r.OnDestroy = registry =>
        {
            switch (call)
            {
                case "Create": registry.Create(new ScopePayload(), name: "new"); break;
                case "CreateUnder": registry.Create(new ScopePayload(), keep, "new"); break;
                case "SetParent": registry.SetParent(moved, ResourceHandle.Null); break;
                case "RetryDestroy": registry.RetryDestroy(keep); break;
                case "Abandon": registry.Abandon(keep); break;
                case "RegisterKind": registry.RegisterKind<ImagePayload>("Image"); break;
                default: registry.Reserve<ImagePayload>(10); break;
            }
        };
        r.Registry.RequestDestroy(doomed);

        r.Registry.Update();

        var error = Assert.IsType<InvalidOperationException>(Assert.Single(r.Errors));
        Assert.Contains("from inside the destroy callback of Buffer \"doomed\" #2v1", error.Message);
        Assert.Equal(2, r.Registry.Count);
        Assert.Equal(keep.Untyped, r.Registry.ParentOf(moved));
        r.Registry.Dispose();
    }

    [Fact]
    public void A_callback_may_read_and_request_and_its_requests_apply_at_the_next_update()
    {
        var r = new Reentrant();
        var scope = r.Registry.Create(new ScopePayload(), name: "scope");
        var first = r.Registry.Create(new BufferPayload { Native = 1 }, scope, "first");
        var second = r.Registry.Create(new BufferPayload { Native = 2 }, scope, "second");
        var seen = new List<string>();
        r.OnDestroy = registry =>
        {
            if (r.Destroyed.Count != 1)
            {
                return;
            }

            seen.Add(registry.GetInfo(first).Describe());
            seen.Add(registry.StateOf(second).ToString());
            seen.Add(registry.ParentOf(first) == scope.Untyped ? "parent ok" : "parent wrong");
            foreach (var child in registry.ChildrenOf(scope))
            {
                seen.Add(registry.Describe(child));
            }

            seen.Add(registry.RequestDestroy(scope, DestroyMode.Cascade).ToString());
            registry.MarkInUse(second, 5);
            registry.SetSizeBytes(second, 64);
        };
        r.Registry.RequestDestroy(first);

        var update = r.Registry.Update(completedGpuValue: 0);

        Assert.Equal(1, update.Destroyed); // the cascade requested inside the callback waits for the next update
        Assert.Equal(
            new[] { "Buffer \"first\" #1v1", "Alive", "parent ok", "Buffer \"first\" #1v1", "Buffer \"second\" #2v1", "Queued" },
            seen);
        Assert.Equal(ResourceState.Pending, r.Registry.StateOf(second));
        Assert.Equal(64, r.Registry.GetInfo(second).SizeBytes);

        r.Registry.Update(completedGpuValue: 4);
        Assert.Equal(ResourceState.WaitingForGpu, r.Registry.StateOf(second)); // MarkInUse from the callback counts
        r.Registry.Update(completedGpuValue: 5);
        Assert.Equal(0, r.Registry.Count);
        Assert.Equal(new[] { 1, 2 }, r.Destroyed);
        Assert.Empty(r.Errors);
        r.Registry.Dispose();
    }

    [Fact]
    public void The_world_refuses_to_free_a_slot_twice()
    {
        var world = new World();
        var entity = world.Create();
        world.DestroyAlive(entity);

        var error = Assert.Throws<InvalidOperationException>(() => world.DestroyAlive(entity));

        Assert.Contains("#0v1", error.Message);
        Assert.Contains("twice", error.Message);
        var a = world.Create();
        var b = world.Create();
        Assert.NotEqual(a.Id, b.Id);
    }
}
