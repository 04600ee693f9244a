using Engine.Resources;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class LifecycleTests
{
    public enum ReleaseOrder
    {
        LeavesFirstBlock,
        RootsFirstBlock,
        ShuffledAcrossFrames,
        CascadeDeviceThenInstance,
        CascadeInstance,
    }

    [Theory]
    [InlineData(ReleaseOrder.LeavesFirstBlock)]
    [InlineData(ReleaseOrder.RootsFirstBlock)]
    [InlineData(ReleaseOrder.ShuffledAcrossFrames)]
    [InlineData(ReleaseOrder.CascadeDeviceThenInstance)]
    [InlineData(ReleaseOrder.CascadeInstance)]
    public void The_whole_tree_is_released_without_validation_messages_or_leaks(ReleaseOrder order)
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        var tree = new FullTree(session);
        List<(ResourceHandle Handle, int Depth)> all = FullTree.Snapshot(registry);
        Assert.True(all.Count >= 35, $"tree has {all.Count} resources");
        Assert.True(all.Max(r => r.Depth) >= 5, "memory → image → view → framebuffer sits 5 levels deep");

        Release(session, order, all);
        // First update while the last frames may still run: whatever they use must wait.
        registry.Update(tree.Loop.Timeline.Completed);
        ulong done = tree.Loop.Timeline.WaitAll();
        registry.Update(done);

        Assert.Equal(0, registry.Count);
        TeardownReport report = registry.Shutdown();
        Assert.True(report.IsClean);
        Assert.Empty(report.Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Shutdown_destroys_an_unreleased_tree_in_order_and_reports_every_resource_as_leaked()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        _ = new FullTree(session);
        int count = registry.Count;
        // The last frames' transients were released (still in flight): they are not leaks.
        int unreleased = FullTree.Snapshot(registry).Count;
        Assert.True(unreleased < count);

        TeardownReport report = registry.Shutdown();

        Assert.Equal(unreleased, report.Leaks.Count);
        Assert.Equal(count, report.Destroyed);
        Assert.Equal(0, registry.Count);
        Assert.Empty(report.NotDestroyed);
        Assert.Contains(report.Leaks, l => l.Kind == "VkPipeline" && l.Name == "triangle pipeline");
        Assert.Contains(report.Leaks, l => l.Kind == "VkInstance");
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    private static void Release(VulkanSession session, ReleaseOrder order, List<(ResourceHandle Handle, int Depth)> all)
    {
        ResourceRegistry registry = session.Registry;
        switch (order)
        {
            case ReleaseOrder.LeavesFirstBlock:
                foreach (var r in all.OrderByDescending(r => r.Depth))
                {
                    Assert.Equal(DestroyRequestResult.Queued, registry.RequestDestroy(r.Handle));
                }

                break;
            case ReleaseOrder.RootsFirstBlock:
                foreach (var r in all.OrderBy(r => r.Depth))
                {
                    Assert.Equal(DestroyRequestResult.Queued, registry.RequestDestroy(r.Handle));
                }

                // Asking twice is harmless.
                Assert.NotEqual(DestroyRequestResult.Queued, registry.RequestDestroy(session.Vulkan.DeviceHandle));
                break;
            case ReleaseOrder.ShuffledAcrossFrames:
                var random = new Random(1234);
                var shuffled = all.OrderBy(_ => random.Next()).ToList();
                for (int i = 0; i < shuffled.Count; i++)
                {
                    registry.RequestDestroy(shuffled[i].Handle);
                    if (i % 7 == 6)
                    {
                        // Parents released early stay blocked until their last child goes, frames later.
                        registry.Update();
                        Assert.True(registry.IsAlive(session.Vulkan.InstanceHandle));
                    }
                }

                break;
            case ReleaseOrder.CascadeDeviceThenInstance:
                registry.RequestDestroy(session.Vulkan.DeviceHandle, DestroyMode.Cascade);
                registry.Update();
                Assert.True(registry.IsAlive(session.Vulkan.InstanceHandle));
                session.Vulkan.Release();
                break;
            case ReleaseOrder.CascadeInstance:
                registry.RequestDestroy(session.Vulkan.InstanceHandle, DestroyMode.Cascade);
                break;
        }
    }
}
