using Engine.Render.Payloads;
using Engine.Resources;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class VulkanContextTests
{
    [Fact]
    public void Context_registers_instance_messenger_and_device_as_a_tree()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;

        Assert.True(session.Vulkan.ValidationEnabled);
        Assert.Equal(3, registry.Count);
        Assert.Equal(ResourceHandle.Null, registry.ParentOf(session.Vulkan.InstanceHandle));
        Assert.Equal(session.Vulkan.InstanceHandle.Untyped, registry.ParentOf(session.Vulkan.DeviceHandle));
        Assert.Equal(session.Vulkan.InstanceHandle.Untyped, registry.ParentOf(session.Vulkan.MessengerHandle));
        Assert.Equal("VkDevice", registry.GetInfo(session.Vulkan.DeviceHandle).Kind);
        Assert.Equal(session.Vulkan.Device.Handle, registry.Get(session.Vulkan.DeviceHandle).Handle.Handle);

        TeardownReport report = session.ReleaseAndShutdown();

        Assert.Empty(report.Leaks);
        Assert.True(report.IsClean);
        Assert.Equal(0, registry.Count);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Instance_is_destroyed_last_even_when_released_first()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        var buffer = session.Vulkan.Resources.CreateBuffer(session.Vulkan.DeviceHandle, 256, Silk.NET.Vulkan.BufferUsageFlags.TransferSrcBit, "early buffer");

        registry.RequestDestroy(session.Vulkan.InstanceHandle);
        registry.RequestDestroy(session.Vulkan.DeviceHandle);
        registry.RequestDestroy(session.Vulkan.MessengerHandle);
        registry.Update();

        // The buffer was never released, so device and instance wait for it.
        Assert.True(registry.IsAlive(buffer));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(session.Vulkan.DeviceHandle));
        Assert.Equal(ResourceState.Blocked, registry.StateOf(session.Vulkan.InstanceHandle));
        Assert.False(registry.IsAlive(session.Vulkan.MessengerHandle));
        var blockers = new List<Blocker>();
        registry.GetBlockers(session.Vulkan.DeviceHandle, blockers);
        Assert.Contains(blockers, b => b.Resource == buffer.Untyped && b.Reason == BlockReason.LiveChild);

        registry.RequestDestroy(buffer);
        UpdateResult result = registry.Update();

        // Buffer, then device, then instance: all in the same pass.
        Assert.Equal(3, result.Destroyed);
        Assert.Equal(0, registry.Count);
        Assert.Empty(registry.Shutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Creating_a_device_child_without_a_device_ancestor_is_rejected_and_leaks_nothing()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        ResourceHandle<FrameScopeResource> orphanScope = registry.Create(new FrameScopeResource(0), name: "root scope");

        Assert.Throws<ResourceHierarchyException>(() =>
            session.Vulkan.Resources.CreateBuffer(orphanScope, 64, Silk.NET.Vulkan.BufferUsageFlags.UniformBufferBit, "orphan buffer"));
        Assert.Throws<ResourceHierarchyException>(() =>
            session.Vulkan.Resources.CreateBoundImage2D(orphanScope, Silk.NET.Vulkan.Format.R8G8B8A8Unorm, 4, 4, Silk.NET.Vulkan.ImageUsageFlags.SampledBit, "orphan image"));
        Assert.Equal(4, registry.Count);

        registry.RequestDestroy(orphanScope);
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        // A leaked VkBuffer or VkImage would show up as VUID-vkDestroyDevice-device-00378 here.
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
