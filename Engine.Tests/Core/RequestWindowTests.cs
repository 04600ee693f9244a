using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// The window between a request and the update that applies it: a resource whose destruction was requested (by the
/// owner thread, recorded at once, or by another thread, queued) accepts no new children, and a rejected move changes
/// nothing, sibling order included.
/// </summary>
public class RequestWindowTests
{
    private static List<ResourceHandle> Children(ResourceRegistry registry, ResourceHandle parent)
    {
        var list = new List<ResourceHandle>();
        foreach (var child in registry.ChildrenOf(parent))
        {
            list.Add(child);
        }

        return list;
    }

    [Theory]
    [InlineData(DestroyMode.Block)]
    [InlineData(DestroyMode.Cascade)]
    public void A_requested_parent_rejects_new_children_before_the_update(DestroyMode mode)
    {
        var (registry, log) = DestroyLog.Create();
        using var _ = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "instance");
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var elsewhere = registry.Create(new ScopePayload(), device, "elsewhere");
        var mover = registry.Create(new BufferPayload { Native = 9 }, elsewhere, "mover");
        registry.RequestDestroy(device, mode);

        Assert.Equal(ResourceState.Pending, registry.StateOf(device));
        var create = Assert.Throws<ResourceHierarchyException>(() => registry.Create(new ScopePayload(), device, "late"));
        Assert.Contains("Device \"gpu\" #1v1: the parent is being destroyed (Pending)", create.Message);
        Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(mover, device));
        Assert.Equal(elsewhere.Untyped, registry.ParentOf(mover));
        Assert.Equal(4, registry.Count);
    }

    [Fact]
    public void A_queued_cascade_never_takes_a_resource_nobody_released()
    {
        var (registry, log) = DestroyLog.Create();
        using var _ = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var scope = registry.Create(new ScopePayload(), device, "per-frame");
        var keeper = registry.Create(new ScopePayload(), device, "keeper");
        var kept = registry.Create(new BufferPayload { Native = 5 }, keeper, "kept");

        // Another thread releases the scope; before the update, the owner tries to move a buffer into it.
        var thread = new Thread(() => registry.RequestDestroy(scope, DestroyMode.Cascade));
        thread.Start();
        thread.Join();
        Assert.Equal(ResourceState.Pending, registry.StateOf(scope));
        Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(kept, scope));
        Assert.Throws<ResourceHierarchyException>(() => registry.Create(new BufferPayload { Native = 6 }, scope));

        registry.Update();

        Assert.False(registry.IsAlive(scope));
        Assert.True(registry.IsAlive(kept));
        Assert.DoesNotContain("buffer 5 with device 2", log.Events);
    }

    [Fact]
    public void A_cascade_queued_by_another_thread_closes_the_whole_subtree_to_new_resources()
    {
        var (registry, log) = DestroyLog.Create();
        using var _ = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var level = registry.Create(new ScopePayload(), device, "level");
        var room = registry.Create(new ScopePayload(), level, "room");
        var elsewhere = registry.Create(new ScopePayload(), device, "elsewhere");
        var mover = registry.Create(new BufferPayload { Native = 8 }, elsewhere, "mover");

        var thread = new Thread(() => registry.RequestDestroy(level, DestroyMode.Cascade));
        thread.Start();
        thread.Join();

        // The cascade is applied at the next update; until then nothing may join the subtree it will take.
        var create = Assert.Throws<ResourceHierarchyException>(() => registry.Create(new BufferPayload { Native = 9 }, room, "late"));
        Assert.Contains("Scope \"room\"", create.Message);
        Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(mover, room));
        registry.Update();

        Assert.False(registry.IsAlive(room));
        Assert.True(registry.IsAlive(mover));
        Assert.DoesNotContain("buffer 8 with device 2", log.Events);
    }

    [Fact]
    public void A_rejected_move_keeps_the_sibling_order()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var scope = registry.Create(new ScopePayload(), device, "scope");
        var first = registry.Create(new BufferPayload { Native = 1 }, scope, "first");
        var middle = registry.Create(new ScopePayload(), scope, "middle");
        var inner = registry.Create(new BufferPayload { Native = 2 }, middle, "needs a device");
        var last = registry.Create(new BufferPayload { Native = 3 }, scope, "last");
        var loose = registry.Create(new ScopePayload(), name: "loose");
        var before = Children(registry, scope);

        // The subtree would lose the device its buffer's callback needs: rejected.
        var error = Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(middle, loose));
        Assert.Contains("Buffer \"needs a device\"", error.Message);

        Assert.Equal(before, Children(registry, scope));
        Assert.Equal(new ResourceHandle[] { first, middle, last }, before);
        Assert.Equal(middle.Untyped, registry.ParentOf(inner));
        Assert.Empty(Children(registry, loose));

        // A cycle is rejected the same way.
        Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(scope, inner));
        Assert.Equal(before, Children(registry, scope));
        Assert.Equal(new ResourceHandle[] { scope }, Children(registry, device));
    }

    [Fact]
    public void A_moved_resource_becomes_the_youngest_child()
    {
        using var registry = PlainRegistry.Create();
        var a = registry.Create(new ScopePayload(), name: "a");
        var b = registry.Create(new ScopePayload(), name: "b");
        var a1 = registry.Create(new ScopePayload(), a);
        var a2 = registry.Create(new ScopePayload(), a);
        var b1 = registry.Create(new ScopePayload(), b);

        registry.SetParent(a1, b);

        Assert.Equal(new ResourceHandle[] { a2 }, Children(registry, a));
        Assert.Equal(new ResourceHandle[] { b1, a1 }, Children(registry, b));
    }
}
