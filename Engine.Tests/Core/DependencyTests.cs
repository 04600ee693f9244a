using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// Dependencies beyond the tree: a swapchain (under the device) depends on its surface (under the instance); the
/// surface is never destroyed while the swapchain lives, whatever is requested, and cycles across both kinds of edge
/// are rejected.
/// </summary>
public class DependencyTests
{
    private struct SurfacePayload
    {
        public int Native;
    }

    private struct SwapchainPayload
    {
        public int Native;
    }

    private static (ResourceRegistry Registry, List<string> Order, ResourceHandle Instance, ResourceHandle Device, ResourceHandle Surface, ResourceHandle Swapchain) Build()
    {
        var order = new List<string>();
        var registry = new ResourceRegistry();
        registry.RegisterKind<InstancePayload>("Instance", (ref InstancePayload _) => order.Add("instance"));
        registry.RegisterKind<DevicePayload>("Device", (ref DevicePayload _) => order.Add("device"));
        registry.RegisterKind<SurfacePayload>("Surface", (ref SurfacePayload _) => order.Add("surface"));
        registry.RegisterKind<SwapchainPayload>("Swapchain", (ref SwapchainPayload _) => order.Add("swapchain"));
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "vulkan");
        var surface = registry.Create(new SurfacePayload { Native = 2 }, instance, "window");
        var device = registry.Create(new DevicePayload { Native = 3 }, instance, "gpu");
        var swapchain = registry.Create(new SwapchainPayload { Native = 4 }, device, "swapchain");
        Assert.True(registry.AddDependency(swapchain, surface));
        Assert.False(registry.AddDependency(swapchain, surface)); // once is enough
        return (registry, order, instance, device, surface, swapchain);
    }

    [Fact]
    public void A_cascade_over_both_destroys_the_dependent_before_its_dependency()
    {
        var (registry, order, instance, _, _, _) = Build();
        registry.RequestDestroy(instance, DestroyMode.Cascade);

        registry.Update();

        Assert.Equal(0, registry.Count);
        Assert.True(order.IndexOf("swapchain") < order.IndexOf("surface"), string.Join(", ", order));
        Assert.Equal("instance", order[^1]);
    }

    [Theory]
    [InlineData(DestroyMode.Block)]
    [InlineData(DestroyMode.Cascade)]
    public void A_released_dependency_waits_for_its_dependent_and_names_it(DestroyMode mode)
    {
        var (registry, order, _, device, surface, swapchain) = Build();
        registry.RequestDestroy(surface, mode);

        registry.Update();

        Assert.Equal(ResourceState.Blocked, registry.StateOf(surface));
        Assert.True(registry.IsAlive(swapchain), "a cascade on the dependency does not reach its dependents");
        var blockers = new List<Blocker>();
        registry.GetBlockers(surface, blockers);
        Assert.Equal(new Blocker(swapchain, BlockReason.Dependent), Assert.Single(blockers));
        Assert.Equal(new[] { swapchain }, registry.DependentsOf(surface));

        registry.RequestDestroy(swapchain);
        registry.Update();

        Assert.False(registry.IsAlive(surface)); // in the same update as its last dependent
        Assert.Equal(new[] { "swapchain", "surface" }, order);
        Assert.True(registry.IsAlive(device));
        registry.Dispose();
    }

    [Fact]
    public void Removing_the_edge_releases_a_blocked_dependency_at_the_next_update()
    {
        var (registry, order, _, _, surface, swapchain) = Build();
        registry.RequestDestroy(surface);
        registry.Update();
        Assert.Equal(ResourceState.Blocked, registry.StateOf(surface));

        Assert.True(registry.RemoveDependency(swapchain, surface));
        Assert.False(registry.RemoveDependency(swapchain, surface));
        registry.Update();

        Assert.False(registry.IsAlive(surface));
        Assert.True(registry.IsAlive(swapchain));
        Assert.Empty(registry.DependenciesOf(swapchain));
        registry.Dispose();
    }

    [Fact]
    public void Cycles_across_parent_and_dependency_edges_are_rejected_and_change_nothing()
    {
        var (registry, _, instance, device, surface, swapchain) = Build();

        var back = Assert.Throws<ResourceHierarchyException>(() => registry.AddDependency(surface, swapchain));
        Assert.Contains("would create a cycle", back.Message);
        Assert.Throws<ResourceHierarchyException>(() => registry.AddDependency(device, swapchain)); // its own child
        Assert.Throws<ResourceHierarchyException>(() => registry.AddDependency(instance, surface)); // a descendant
        Assert.Throws<ResourceHierarchyException>(() => registry.AddDependency(surface, surface));

        // Moving the surface under the swapchain would make the swapchain go after its own dependency.
        var move = Assert.Throws<ResourceHierarchyException>(() => registry.SetParent(surface, swapchain));
        Assert.Contains("cycle", move.Message);
        Assert.Equal(instance, registry.ParentOf(surface));
        Assert.Empty(registry.DependenciesOf(surface));
        Assert.Equal(new[] { surface }, registry.DependenciesOf(swapchain));
        registry.Dispose();
    }

    [Fact]
    public void A_resource_being_destroyed_cannot_become_a_dependency()
    {
        var (registry, _, _, device, surface, _) = Build();
        var other = registry.Create(new SwapchainPayload { Native = 9 }, device, "second");
        registry.RequestDestroy(surface);

        var error = Assert.Throws<ResourceHierarchyException>(() => registry.AddDependency(other, surface));

        Assert.Contains("it is being destroyed (Pending)", error.Message);
        registry.Dispose();
    }

    [Fact]
    public void Shutdown_respects_dependencies()
    {
        var (registry, order, _, _, _, _) = Build();

        var report = registry.Shutdown();

        Assert.Equal(4, report.Destroyed);
        Assert.True(order.IndexOf("swapchain") < order.IndexOf("surface"), string.Join(", ", order));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Many_dependents_of_few_resources_come_and_go_and_every_list_stays_exact(int seed)
    {
        // Dependents leave their dependency's list by a swap with the last one: random adds, removals and destroys of
        // many dependents over three shared dependencies (memory blocks and their ranges) against a model of the edges.
        using ResourceRegistry registry = PlainRegistry.Create();
        var random = new Random(seed);
        ResourceHandle device = registry.Create(new DevicePayload(), name: "device");
        ResourceHandle[] blocks = [.. Enumerable.Range(0, 3).Select(i => (ResourceHandle)registry.Create(new ScopePayload(), device, $"block {i}"))];
        var edges = new HashSet<(ResourceHandle Dependent, ResourceHandle Dependency)>();
        var live = new List<ResourceHandle>();
        for (int step = 0; step < 3_000; step++)
        {
            int roll = random.Next(10);
            if (roll < 4 || live.Count == 0)
            {
                ResourceHandle range = registry.Create(new BufferPayload(), device, $"range {step}");
                live.Add(range);
                foreach (ResourceHandle block in blocks.Where(_ => random.Next(2) == 0))
                {
                    Assert.True(registry.AddDependency(range, block));
                    edges.Add((range, block));
                }
            }
            else if (roll < 7)
            {
                ResourceHandle dependent = live[random.Next(live.Count)];
                ResourceHandle block = blocks[random.Next(blocks.Length)];
                Assert.Equal(edges.Remove((dependent, block)), registry.RemoveDependency(dependent, block));
            }
            else
            {
                int victim = random.Next(live.Count);
                registry.RequestDestroy(live[victim]);
                registry.Update();
                Assert.False(registry.IsAlive(live[victim]));
                edges.RemoveWhere(e => e.Dependent == live[victim]);
                live.RemoveAt(victim);
            }

            if (step % 50 == 0 || step > 2_950)
            {
                foreach (ResourceHandle block in blocks)
                {
                    Assert.Equal(
                        edges.Where(e => e.Dependency == block).Select(e => e.Dependent).OrderBy(h => h.Id),
                        registry.DependentsOf(block).OrderBy(h => h.Id));
                }

                foreach (ResourceHandle dependent in live)
                {
                    Assert.Equal(
                        edges.Where(e => e.Dependent == dependent).Select(e => e.Dependency).OrderBy(h => h.Id),
                        registry.DependenciesOf(dependent).OrderBy(h => h.Id));
                }
            }
        }
    }
}
