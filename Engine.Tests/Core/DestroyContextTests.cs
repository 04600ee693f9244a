using Engine.Resources;

namespace Engine.Tests.Core;

public class DestroyContextTests
{
    [Fact]
    public void The_callback_gets_the_nearest_ancestor_of_its_context_type_through_intermediate_scopes()
    {
        var (registry, log) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var outer = registry.Create(new DevicePayload { Native = 2 }, instance);
        var scope = registry.Create(new ScopePayload(), outer);
        var inner = registry.Create(new DevicePayload { Native = 3 }, scope);
        var deepScope = registry.Create(new ScopePayload(), inner);
        registry.Create(new BufferPayload { Native = 4 }, deepScope);
        registry.Create(new BufferPayload { Native = 5 }, scope);

        registry.RequestDestroy(scope, DestroyMode.Cascade);
        registry.Update();

        Assert.Contains("buffer 4 with device 3", log.Events);
        Assert.Contains("buffer 5 with device 2", log.Events);
        Assert.True(log.Events.IndexOf("buffer 4 with device 3") < log.Events.IndexOf("device 3 with instance 1"));
    }

    [Fact]
    public void Creating_without_the_required_context_ancestor_fails_clearly_and_creates_nothing()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var scope = registry.Create(new ScopePayload(), name: "loose scope");

        var error = Assert.Throws<ResourceHierarchyException>(() => registry.Create(new BufferPayload(), scope, "orphan"));
        Assert.Contains("Buffer \"orphan\"", error.Message);
        Assert.Contains(nameof(DevicePayload), error.Message);
        Assert.Contains("\"loose scope\"", error.Message);
        var root = Assert.Throws<ResourceHierarchyException>(() => registry.Create(new BufferPayload()));
        Assert.Contains("no parent", root.Message);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void Moving_a_subtree_away_from_its_context_is_rejected_and_undone()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var scope = registry.Create(new ScopePayload(), device, "frame");
        var buffer = registry.Create(new BufferPayload { Native = 3 }, scope, "vb");
        var elsewhere = registry.Create(new ScopePayload(), name: "elsewhere");

        var error = Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(scope, elsewhere));
        Assert.Contains("Buffer \"vb\"", error.Message);
        Assert.Equal((ResourceHandle)device, registry.ParentOf(scope));
        Assert.Equal((ResourceHandle)scope, registry.ParentOf(buffer));
        Assert.Equal(0, registry.ChildCount(elsewhere));
    }
}
