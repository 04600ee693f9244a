using Engine.Resources;
using Serilog.Events;

namespace Engine.Tests.Core;

public class FaultTests
{
    [Fact]
    public void A_throwing_callback_faults_the_resource_blocks_its_ancestors_and_spares_other_subtrees()
    {
        var (logger, sink) = CapturingSink.Create();
        var (registry, log) = DestroyLog.Create(logger);
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var deviceA = registry.Create(new DevicePayload { Native = 2 }, instance, "a");
        var deviceB = registry.Create(new DevicePayload { Native = 3 }, instance, "b");
        var bad = registry.Create(new BufferPayload { Native = 66 }, deviceA, "bad");
        registry.Create(new BufferPayload { Native = 5 }, deviceA, "good a");
        registry.Create(new BufferPayload { Native = 6 }, deviceB, "good b");
        log.FailBuffers.Add(66);

        registry.RequestDestroy(instance, DestroyMode.Cascade);
        var r = registry.Update();

        Assert.Equal(1, r.Faulted);
        Assert.Equal(3, r.Destroyed); // good a, good b, device b
        Assert.Equal(ResourceState.Faulted, registry.StateOf(bad));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(deviceA));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(instance));
        Assert.False(registry.IsAlive(deviceB));
        Assert.Contains("driver refused buffer 66", registry.GetInfo(bad).FaultMessage);

        var error = Assert.Single(sink.Events, e => e.Level == LogEventLevel.Error);
        Assert.Equal("Buffer", CapturingSink.Scalar(error, "Kind"));
        Assert.Equal("bad", CapturingSink.Scalar(error, "Name"));
        Assert.Equal(bad.ToString(), CapturingSink.Scalar(error, "Handle"));
        Assert.NotNull(error.Exception);

        var blockers = new List<Blocker>();
        registry.GetBlockers(instance, blockers);
        Assert.Equal(new[] { new Blocker(bad, BlockReason.Faulted) }, blockers);

        // A second update does not call the callback again by itself.
        Assert.Equal(0, registry.Update().Faulted);

        log.FailBuffers.Clear();
        registry.RetryDestroy(bad);
        Assert.Equal(3, registry.Update().Destroyed);
        Assert.Equal(0, registry.Count);
        Assert.Equal("instance 1", log.Events[^1]);
    }

    [Fact]
    public void Abandoning_a_faulted_resource_lets_its_ancestors_go_and_logs_a_warning()
    {
        var (logger, sink) = CapturingSink.Create();
        var (registry, log) = DestroyLog.Create(logger);
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var bad = registry.Create(new BufferPayload { Native = 66 }, device, "bad");
        log.FailBuffers.Add(66);
        registry.RequestDestroy(device, DestroyMode.Cascade);
        registry.Update();

        var notFaulted = Assert.Throws<InvalidOperationException>(() => registry.Abandon(device));
        Assert.Contains("not Faulted", notFaulted.Message);

        registry.Abandon(bad);
        Assert.False(registry.IsAlive(bad));
        Assert.Equal(1, registry.Update().Destroyed);
        Assert.False(registry.IsAlive(device));
        Assert.DoesNotContain("buffer 66 with device 2", log.Events);
        Assert.Contains(sink.Events, e => e.Level == LogEventLevel.Warning && CapturingSink.Scalar(e, "Name") == "bad");
    }

    [Fact]
    public void Retry_of_a_resource_that_is_not_faulted_is_rejected()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload(), name: "s");
        var error = Assert.Throws<InvalidOperationException>(() => registry.RetryDestroy(scope));
        Assert.Contains("ScopePayload \"s\"", error.Message); // a plain kind is named after its type
    }
}
