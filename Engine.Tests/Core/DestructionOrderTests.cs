using Engine.Resources;

namespace Engine.Tests.Core;

public class DestructionOrderTests
{
    [Fact]
    public void Cascade_destroys_children_before_parents_with_their_device_at_hand()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "instance");
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var scope = registry.Create(new ScopePayload { Frame = 7 }, device, "frame 7");
        registry.Create(new BufferPayload { Native = 10 }, scope, "vertices");
        registry.Create(new ImagePayload { Native = 11 }, device, "color");

        Assert.Equal(DestroyRequestResult.Queued, registry.RequestDestroy(instance, DestroyMode.Cascade));
        var result = registry.Update();

        Assert.Equal(5, result.Destroyed);
        Assert.Equal(0, registry.Count);
        Assert.Equal("instance 1", log.Events[^1]);
        Assert.Equal("device 2 with instance 1", log.Events[^2]);
        Assert.Contains("buffer 10 with device 2", log.Events);
        Assert.Contains("image 11 with device 2", log.Events);
        Assert.False(registry.IsAlive(device));
        registry.Dispose();
    }

    [Fact]
    public void Blocked_parent_goes_in_the_same_update_as_its_last_child()
    {
        var (registry, log) = DestroyLog.Create();
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var b1 = registry.Create(new BufferPayload { Native = 10 }, device);
        var b2 = registry.Create(new BufferPayload { Native = 11 }, device);

        registry.RequestDestroy(device);
        var first = registry.Update();
        Assert.Equal(0, first.Destroyed);
        Assert.Equal(ResourceState.Blocked, registry.StateOf(device));

        registry.RequestDestroy(b1);
        Assert.Equal(1, registry.Update().Destroyed);
        Assert.Equal(ResourceState.Blocked, registry.StateOf(device));

        registry.RequestDestroy(b2);
        var last = registry.Update();
        Assert.Equal(2, last.Destroyed);
        Assert.False(registry.IsAlive(device));
        Assert.Equal(new[] { "buffer 10 with device 2", "buffer 11 with device 2", "device 2 with instance 1" }, log.Events);
        Assert.True(registry.IsAlive(instance));
        Assert.Equal(ResourceState.Alive, registry.StateOf(instance));
        registry.Dispose();
    }
}
