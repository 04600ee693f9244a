using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>
/// Every factory method asks the registry before calling vkCreate*: after shutdown, or under a parent being
/// destroyed, it throws the registry's error and no native object is created (no driver call with a dead device).
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class FactoryPrecheckTests
{
    [Fact]
    public void Creating_after_shutdown_throws_ObjectDisposedException_instead_of_calling_the_driver()
    {
        using var session = new VulkanSession();
        var device = session.Vulkan.DeviceHandle;
        session.ReleaseAndShutdown();

        Assert.Throws<ObjectDisposedException>(() => session.Vulkan.Resources.CreateBuffer(device, 256, BufferUsageFlags.TransferSrcBit, "late"));
        Assert.Throws<ObjectDisposedException>(() => session.Vulkan.Resources.CreateCommandPool(device, "late pool"));
        Assert.Throws<ObjectDisposedException>(() => session.Vulkan.Resources.CreateBoundBuffer(device, 256, BufferUsageFlags.TransferSrcBit, MemoryPropertyFlags.HostVisibleBit, "late"));
        Assert.Throws<ObjectDisposedException>(() => session.Vulkan.Resources.CreateFence(device, name: "late fence"));
    }

    [Fact]
    public void Creating_under_a_released_parent_is_refused_before_the_native_object_exists()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        var scope = session.Vulkan.Resources.CreateFrameScope(session.Vulkan.DeviceHandle, 1, "frame 1");
        registry.RequestDestroy(scope, DestroyMode.Cascade);

        var error = Assert.Throws<ResourceHierarchyException>(() => session.Vulkan.Resources.CreateBuffer(scope, 256, BufferUsageFlags.TransferSrcBit, "too late"));

        Assert.Contains("the parent is being destroyed", error.Message);
        Assert.Equal(0, registry.CountByKind("VkBuffer"));
        TeardownReport report = session.ReleaseAndShutdown();
        Assert.True(report.IsClean);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void An_explicit_release_command_buffer_keeps_its_pool_until_handed_back()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        var pool = session.Vulkan.Resources.CreateCommandPool(session.Vulkan.DeviceHandle, "worker pool");
        var handedOut = session.Vulkan.Resources.AllocateCommandBuffer(pool, "recorded by a worker", ResourceFlags.ExplicitRelease);
        var ordinary = session.Vulkan.Resources.AllocateCommandBuffer(pool, "ordinary");

        registry.RequestDestroy(pool, DestroyMode.Cascade);
        registry.Update();

        Assert.False(registry.IsAlive(ordinary));
        Assert.True(registry.IsAlive(handedOut));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(pool));
        var blockers = new List<Blocker>();
        registry.GetBlockers(pool, blockers);
        Assert.Equal(new Blocker(handedOut, BlockReason.ExplicitRelease), Assert.Single(blockers));

        registry.RequestDestroy(handedOut);
        registry.Update();
        Assert.False(registry.IsAlive(pool));
        TeardownReport report = session.ReleaseAndShutdown();
        Assert.True(report.IsClean);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
