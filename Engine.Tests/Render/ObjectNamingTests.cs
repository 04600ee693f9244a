using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed unsafe class ObjectNamingTests
{
    [Fact]
    public void Validation_messages_name_resources_by_their_registry_names()
    {
        using var session = new VulkanSession();
        var res = session.Vulkan.Resources;
        ResourceHandle device = session.Vulkan.DeviceHandle;
        var buffer = res.CreateBuffer(device, 256, BufferUsageFlags.UniformBufferBit, "buffer named in the registry");
        MemoryRequirements requirements;
        session.Vulkan.Api.GetBufferMemoryRequirements(session.Vulkan.Device, session.Registry.Get(buffer).Handle, &requirements);
        requirements.Size += 2 * requirements.Alignment;
        var memory = res.AllocateMemory(device, requirements, MemoryPropertyFlags.HostVisibleBit, "memory named in the registry");
        Assert.Equal((long)requirements.Size, session.Registry.GetInfo(memory).SizeBytes);
        Assert.True(session.Validation.Counts.Clean);

        // Wrong on purpose, and harmless: the offset breaks the buffer's alignment requirement.
        session.Vulkan.Api.BindBufferMemory(session.Vulkan.Device, session.Registry.Get(buffer).Handle, session.Registry.Get(memory).Handle, 1);
        // Also wrong and harmless: unmapping memory that was never mapped.
        session.Vulkan.Api.UnmapMemory(session.Vulkan.Device, session.Registry.Get(memory).Handle);

        Assert.True(session.Validation.Saw("VUID-vkBindBufferMemory-memoryOffset-01036"));
        Assert.True(session.Validation.Saw("VUID-vkUnmapMemory-memory-00689"));
        Assert.Contains(session.Validation.Messages, m => m.Text!.Contains("buffer named in the registry", StringComparison.Ordinal));
        Assert.Contains(session.Validation.Messages, m => m.Text!.Contains("memory named in the registry", StringComparison.Ordinal));

        session.Registry.RequestDestroy(buffer);
        session.Registry.RequestDestroy(memory);
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
    }
}
