using Engine.Resources;

namespace Engine.Tests.Core;

public class HierarchyTests
{
    [Fact]
    public void Children_ancestors_subtree_and_counts_reflect_the_forest()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "instance");
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var scope = registry.Create(new ScopePayload(), device, "frame");
        var b1 = registry.Create(new BufferPayload { Native = 3 }, scope, "b1");
        var b2 = registry.Create(new BufferPayload { Native = 4 }, scope, "b2");

        Assert.Equal(new ResourceHandle[] { b1, b2 }, Collect(registry.ChildrenOf(scope)));
        Assert.Equal(new ResourceHandle[] { scope, device, instance }, CollectAncestors(registry.AncestorsOf(b2)));
        Assert.Equal(5, registry.SubtreeSize(instance));
        Assert.Equal(3, registry.SubtreeSize(scope));
        Assert.Equal((ResourceHandle)scope, registry.ParentOf(b1));
        Assert.True(registry.ParentOf(instance).IsNull);
        Assert.Equal(2, registry.CountByKind("Buffer"));
        Assert.Equal(5, registry.CountByState(ResourceState.Alive));
        Assert.Equal(2, registry.CountsByKind()["Buffer"]);
        Assert.Equal("Instance \"instance\" #0v1 / Device \"gpu\" #1v1 / Scope \"frame\" #2v1 / Buffer \"b2\" #4v1", registry.PathOf(b2));

        var info = registry.GetInfo(b1);
        Assert.Equal("Buffer", info.Kind);
        Assert.Equal(typeof(BufferPayload), info.PayloadType);
        Assert.Equal("b1", info.Name);
        Assert.Equal((ResourceHandle)scope, info.Parent);
    }

    [Fact]
    public void Reparenting_moves_the_subtree()
    {
        var (registry, log) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        var scopeA = registry.Create(new ScopePayload { Frame = 1 }, device);
        var scopeB = registry.Create(new ScopePayload { Frame = 2 }, device);
        var buffer = registry.Create(new BufferPayload { Native = 3 }, scopeA);

        registry.SetParent(buffer, scopeB);

        Assert.Equal(0, registry.ChildCount(scopeA));
        Assert.Equal(new ResourceHandle[] { buffer }, Collect(registry.ChildrenOf(scopeB)));
        registry.RequestDestroy(scopeB, DestroyMode.Cascade);
        registry.Update();
        Assert.False(registry.IsAlive(buffer));
        Assert.True(registry.IsAlive(scopeA));
        Assert.Equal(new[] { "buffer 3 with device 2" }, log.Events);
    }

    [Fact]
    public void A_cycle_is_rejected_with_a_clear_error_and_changes_nothing()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var a = registry.Create(new ScopePayload(), name: "a");
        var b = registry.Create(new ScopePayload(), a, "b");
        var c = registry.Create(new ScopePayload(), b, "c");

        var cycle = Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(a, c));
        Assert.Contains("\"a\"", cycle.Message);
        Assert.Contains("\"c\"", cycle.Message);
        Assert.Contains("cycle", cycle.Message);
        var self = Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(b, b));
        Assert.Contains("its own parent", self.Message);

        Assert.True(registry.ParentOf(a).IsNull);
        Assert.Equal((ResourceHandle)a, registry.ParentOf(b));
        Assert.Equal((ResourceHandle)b, registry.ParentOf(c));
        Assert.Equal(3, registry.SubtreeSize(a));
    }

    [Fact]
    public void A_parent_being_destroyed_cannot_receive_new_children()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var parent = registry.Create(new ScopePayload(), name: "closing");
        registry.Create(new ScopePayload(), parent, "child");
        var other = registry.Create(new ScopePayload(), name: "other");
        registry.RequestDestroy(parent);
        registry.Update();
        Assert.Equal(ResourceState.Blocked, registry.StateOf(parent));

        var create = Assert.Throws<ResourceHierarchyException>(() => registry.Create(new ScopePayload(), parent));
        Assert.Contains("\"closing\"", create.Message);
        Assert.Contains("being destroyed", create.Message);
        var move = Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(other, parent));
        Assert.Contains("being destroyed", move.Message);
        Assert.True(registry.ParentOf(other).IsNull);
    }

    [Fact]
    public void Moving_the_last_child_away_releases_a_blocked_parent()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var parent = registry.Create(new ScopePayload(), name: "old");
        var keeper = registry.Create(new ScopePayload(), name: "new");
        var child = registry.Create(new ScopePayload(), parent);
        registry.RequestDestroy(parent);
        registry.Update();
        Assert.Equal(ResourceState.Blocked, registry.StateOf(parent));

        registry.SetParent(child, keeper);
        registry.Update();
        Assert.False(registry.IsAlive(parent));
        Assert.True(registry.IsAlive(child));
    }

    internal static List<ResourceHandle> Collect(ChildrenOfResource children)
    {
        var list = new List<ResourceHandle>();
        foreach (var c in children)
        {
            list.Add(c);
        }

        return list;
    }

    internal static List<ResourceHandle> CollectAncestors(AncestorsOfResource ancestors)
    {
        var list = new List<ResourceHandle>();
        foreach (var a in ancestors)
        {
            list.Add(a);
        }

        return list;
    }
}
