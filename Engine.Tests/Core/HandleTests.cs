using Engine.Resources;

namespace Engine.Tests.Core;

public class HandleTests
{
    [Fact]
    public void A_destroyed_resource_is_detected_on_every_use_and_named_in_the_error()
    {
        using var registry = PlainRegistry.Create();
        var buffer = registry.Create(new ScopePayload { Frame = 1 }, name: "frame");
        registry.RequestDestroy(buffer);
        registry.Update();

        Assert.False(registry.IsAlive(buffer));
        var error = Assert.Throws<StaleHandleException>(() => registry.Get(buffer));
        Assert.Contains(buffer.ToString(), error.Message);
        Assert.Contains("stale", error.Message);
        Assert.Equal(buffer.Untyped, error.Handle);
        Assert.Throws<StaleHandleException>(() => registry.GetInfo(buffer));
        Assert.Throws<StaleHandleException>(() => registry.MarkInUse(buffer, 1));
        Assert.Throws<StaleHandleException>(() => registry.SetParent(buffer, ResourceHandle.Null));
        Assert.Throws<StaleHandleException>(() => registry.Create(new ScopePayload(), buffer));
        Assert.Equal(DestroyRequestResult.Stale, registry.RequestDestroy(buffer));
    }

    [Fact]
    public void Slots_are_reused_with_a_new_version_so_old_handles_stay_stale()
    {
        using var registry = PlainRegistry.Create();
        var first = registry.Create(new ScopePayload { Frame = 1 });
        registry.RequestDestroy(first);
        registry.Update();
        var second = registry.Create(new ScopePayload { Frame = 2 });

        Assert.Equal(first.Entity.Id, second.Entity.Id);
        Assert.NotEqual(first.Entity.Version, second.Entity.Version);
        Assert.False(registry.IsAlive(first));
        Assert.Equal(2, registry.Get(second).Frame);
        var error = Assert.Throws<StaleHandleException>(() => registry.Get(first));
        Assert.Contains($"now holds #{second.Entity.Id}v{second.Entity.Version}", error.Message);
    }

    [Fact]
    public void Payload_is_accessed_by_reference()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload { Frame = 1 });
        registry.Get(scope).Frame = 42;
        Assert.Equal(42, registry.Get(scope).Frame);
    }

    [Fact]
    public void A_handle_of_another_payload_type_is_rejected_by_name()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload { Frame = 1 }, name: "frame");
        var forged = new ResourceHandle<BufferPayload>(scope.Untyped);
        var error = Assert.Throws<StaleHandleException>(() => registry.Get(forged));
        Assert.Contains("\"frame\"", error.Message);
        Assert.Contains(nameof(BufferPayload), error.Message);
    }
}
