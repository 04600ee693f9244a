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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Per_frame_transients_are_named_in_Vulkan_only_when_asked(bool nameTransients)
    {
        // The validation layer keeps every name for the device's life: ten named transients a frame grow it forever.
        using var session = new VulkanSession(nameTransientObjects: nameTransients);
        var res = session.Vulkan.Resources;
        var scope = res.CreateFrameScope(session.Vulkan.DeviceHandle, 1, "frame scope");
        var lasting = res.CreateBoundBuffer(session.Vulkan.DeviceHandle, 256, BufferUsageFlags.UniformBufferBit, MemoryPropertyFlags.HostVisibleBit, "lasting memory");
        var transient = res.CreateBoundBuffer(scope, 256, BufferUsageFlags.UniformBufferBit, MemoryPropertyFlags.HostVisibleBit, "transient memory");

        // Wrong on purpose, and harmless: binding a bound buffer again, to the same range, names the buffer.
        foreach (var bound in new[] { lasting, transient })
        {
            var range = session.Registry.Get(bound.Memory);
            session.Vulkan.Api.BindBufferMemory(session.Vulkan.Device, bound.RawBuffer, range.Memory, range.Offset);
        }

        Assert.Equal(2, session.Validation.Messages.Count(m => m.MessageId!.StartsWith("VUID-vkBindBufferMemory-buffer-", StringComparison.Ordinal)));
        Assert.Contains(session.Validation.Messages, m => m.Text!.Contains("lasting memory", StringComparison.Ordinal));
        Assert.Equal(nameTransients, session.Validation.Messages.Any(m => m.Text!.Contains("transient memory", StringComparison.Ordinal)));
        Assert.Equal("transient memory", session.Registry.GetInfo(transient.Memory).Name); // always named in the registry

        session.Registry.RequestDestroy(scope, DestroyMode.Cascade);
        session.Registry.RequestDestroy(lasting.Memory, DestroyMode.Cascade);
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
    }
}
