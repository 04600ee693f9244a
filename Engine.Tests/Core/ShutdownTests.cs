using Engine.Resources;
using Serilog.Events;

namespace Engine.Tests.Core;

public class ShutdownTests
{
    [Fact]
    public void Shutdown_waits_for_the_gpu_then_destroys_everything_children_first_and_reports_leaks()
    {
        var (logger, sink) = CapturingSink.Create();
        var order = new List<string>();
        var (registry, log) = DestroyLog.Create(logger, () => order.Add("wait idle"));
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "instance");
        registry.Update();
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var pinned = registry.Create(new BufferPayload { Native = 3 }, device, "pinned", ResourceFlags.ExplicitRelease);
        var released = registry.Create(new BufferPayload { Native = 4 }, device, "released");
        registry.MarkInUse(released, 99);
        registry.RequestDestroy(released);
        registry.RequestDestroy(instance); // released by its owner, but blocked by its children

        var report = registry.Shutdown();
        order.AddRange(log.Events);

        Assert.Equal("wait idle", order[0]);
        Assert.Equal("instance 1", order[^1]);
        Assert.Equal("device 2 with instance 1", order[^2]);
        Assert.Equal(4, report.Destroyed);
        Assert.Empty(report.NotDestroyed);
        Assert.Equal(new[] { device.Untyped, pinned.Untyped }, report.Leaks.Select(l => l.Handle));
        var leak = report.Leaks[0];
        Assert.Equal("Device", leak.Kind);
        Assert.Equal("gpu", leak.Name);
        Assert.Equal(1, leak.CreationFrame);
        Assert.Equal("Instance \"instance\" #0v1 / Device \"gpu\" #1v1", leak.Path.ToString());

        var warnings = sink.Events.Where(e => e.Level == LogEventLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal("gpu", CapturingSink.Scalar(warnings[0], "Name"));
        Assert.Equal("1", CapturingSink.Scalar(warnings[0], "CreationFrame"));
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void Disposing_twice_is_harmless_and_the_registry_refuses_further_work()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var first = registry.Shutdown();
        registry.Dispose();
        Assert.Same(first, registry.Shutdown());
        Assert.Same(first, registry.TeardownReport);
        Assert.Single(log.Events);
        Assert.Throws<ObjectDisposedException>(() => registry.Create(new InstancePayload()));
        Assert.Throws<ObjectDisposedException>(() => registry.Update());
        Assert.Equal(DestroyRequestResult.Stale, registry.RequestDestroy(instance));
    }

    [Fact]
    public void A_callback_that_throws_at_shutdown_leaves_it_and_its_ancestors_undestroyed_and_reported()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var bad = registry.Create(new BufferPayload { Native = 66 }, device, "bad");
        var otherInstance = registry.Create(new InstancePayload { Native = 7 });
        log.FailBuffers.Add(66);

        var report = registry.Shutdown();

        Assert.Equal(new[] { bad.Untyped, device.Untyped, instance.Untyped }.OrderBy(h => h.Id), report.NotDestroyed.Select(i => i.Handle).OrderBy(h => h.Id));
        Assert.Equal(ResourceState.Faulted, report.NotDestroyed.Single(i => i.Handle == bad).State);
        Assert.Contains("instance 7", log.Events);
        Assert.DoesNotContain("device 2 with instance 1", log.Events);
        Assert.False(report.IsClean);
        Assert.False(registry.IsAlive(otherInstance));
    }

    [Fact]
    public void The_registry_has_no_finalizer()
    {
        var finalizer = typeof(ResourceRegistry).GetMethod("Finalize", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly);
        Assert.Null(finalizer);
    }
}
