using Engine.Resources;

namespace Engine.Tests.Core;

public class LifecycleTests
{
    [Fact]
    public void Requests_apply_at_the_next_update_and_repeats_are_no_ops()
    {
        var (registry, log) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });

        Assert.Equal(DestroyRequestResult.Queued, registry.RequestDestroy(instance));
        Assert.Equal(DestroyRequestResult.AlreadyPending, registry.RequestDestroy(instance));
        Assert.True(registry.IsAlive(instance));
        Assert.Equal(ResourceState.Pending, registry.StateOf(instance));
        Assert.Equal(ResourceState.Pending, registry.GetInfo(instance).State);
        Assert.Empty(log.Events);

        Assert.Equal(1, registry.Update().Destroyed);
        Assert.Equal(new[] { "instance 1" }, log.Events);
        Assert.Equal(DestroyRequestResult.Stale, registry.RequestDestroy(instance));
        Assert.Equal(0, registry.Update().Destroyed);
    }

    [Fact]
    public void Cascade_upgrades_an_earlier_block_request()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        registry.Create(new BufferPayload { Native = 3 }, device);

        registry.RequestDestroy(device);
        registry.Update();
        Assert.Equal(ResourceState.Blocked, registry.StateOf(device));
        Assert.Equal(DestroyRequestResult.AlreadyPending, registry.RequestDestroy(device));

        Assert.Equal(DestroyRequestResult.Queued, registry.RequestDestroy(device, DestroyMode.Cascade));
        Assert.Equal(DestroyRequestResult.AlreadyPending, registry.RequestDestroy(device, DestroyMode.Cascade));
        Assert.Equal(2, registry.Update().Destroyed);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Children_covered_by_a_cascade_report_already_pending()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var buffer = registry.Create(new BufferPayload { Native = 3 }, device);
        registry.MarkInUse(buffer, 5);
        registry.RequestDestroy(instance, DestroyMode.Cascade);
        registry.Update(0);

        Assert.Equal(ResourceState.WaitingForGpu, registry.StateOf(buffer));
        Assert.Equal(DestroyRequestResult.AlreadyPending, registry.RequestDestroy(buffer));
        Assert.Equal(DestroyRequestResult.AlreadyPending, registry.RequestDestroy(device, DestroyMode.Cascade));
    }

    [Fact]
    public void A_resource_in_gpu_use_waits_for_its_timeline_value_and_its_ancestors_wait_for_it()
    {
        var (registry, log) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var buffer = registry.Create(new BufferPayload { Native = 3 }, device);
        registry.MarkInUse(buffer, 10);
        registry.MarkInUse(buffer, 7); // an older use does not shorten the wait

        registry.RequestDestroy(device, DestroyMode.Cascade);
        var r1 = registry.Update(9);
        Assert.Equal(0, r1.Destroyed);
        Assert.Equal(1, r1.WaitingForGpu);
        Assert.Equal(ResourceState.WaitingForGpu, registry.StateOf(buffer));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(device));

        var blockers = new List<Blocker>();
        registry.GetBlockers(device, blockers);
        Assert.Equal(new[] { new Blocker(buffer, BlockReason.GpuInFlight) }, blockers);

        Assert.Equal(0, registry.Update(9).Destroyed);
        var r3 = registry.Update(10);
        Assert.Equal(2, r3.Destroyed);
        Assert.Equal(new[] { "buffer 3 with device 2", "device 2 with instance 1" }, log.Events);
        Assert.Equal(10UL, registry.CompletedGpuValue);
    }

    [Fact]
    public void Explicit_release_resources_survive_a_cascade_and_keep_their_ancestors_blocked()
    {
        var (registry, log) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var pinned = registry.Create(new BufferPayload { Native = 3 }, device, "pinned", ResourceFlags.ExplicitRelease);
        registry.Create(new BufferPayload { Native = 4 }, device, "plain");

        registry.RequestDestroy(instance, DestroyMode.Cascade);
        var r = registry.Update();
        Assert.Equal(1, r.Destroyed);
        Assert.True(registry.IsAlive(pinned));
        Assert.Equal(ResourceState.Alive, registry.StateOf(pinned));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(device));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(instance));

        var blockers = new List<Blocker>();
        registry.GetBlockers(instance, blockers);
        Assert.Equal(new[] { new Blocker(pinned, BlockReason.ExplicitRelease) }, blockers);

        registry.RequestDestroy(pinned);
        Assert.Equal(3, registry.Update().Destroyed);
        Assert.Equal(0, registry.Count);
        Assert.Equal("instance 1", log.Events[^1]);
    }

    [Fact]
    public void Live_children_are_listed_as_blockers_of_a_blocked_parent()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var scope = registry.Create(new ScopePayload());
        var a = registry.Create(new ScopePayload(), scope);
        var b = registry.Create(new ScopePayload(), scope);
        registry.RequestDestroy(scope);
        registry.RequestDestroy(b);
        registry.Update();

        var blockers = new List<Blocker>();
        registry.GetBlockers(scope, blockers);
        Assert.Equal(new[] { new Blocker(a, BlockReason.LiveChild) }, blockers);
    }

    [Fact]
    public void Idle_update_costs_nothing_in_destroy_work_and_advances_the_frame()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload());
        Assert.Equal(0, registry.GetInfo(scope).CreationFrame);
        var r = registry.Update();
        Assert.Equal(new UpdateResult(0, 0, 0, 0, 0), r);
        Assert.Equal(1, registry.Frame);
        var later = registry.Create(new ScopePayload());
        Assert.Equal(1, registry.GetInfo(later).CreationFrame);
    }

    [Fact]
    public void Owner_only_operations_from_another_thread_are_rejected_but_requests_are_accepted()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload());
        Exception? createError = null;
        DestroyRequestResult? request = null;
        var thread = new Thread(() =>
        {
            createError = Record.Exception(() => registry.Create(new ScopePayload()));
            request = registry.RequestDestroy(scope);
        });
        thread.Start();
        thread.Join();

        Assert.IsType<InvalidOperationException>(createError);
        Assert.StartsWith("Create was called on thread", createError!.Message, StringComparison.Ordinal);
        Assert.Equal(DestroyRequestResult.Queued, request);
        Assert.Equal(1, registry.Update().Destroyed);
    }
}
