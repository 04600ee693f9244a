using Engine.Render.Frames;
using Engine.Render.Memory;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>Buffers and images carved from memory blocks, under the validation layer: the registry's rules keep a
/// block alive while a range in it lives and a range unused while the GPU may read it.</summary>
[Collection(VulkanCollection.Name)]
public class GpuMemoryTests
{
    private const BufferUsageFlags Usage = BufferUsageFlags.UniformBufferBit;
    private const MemoryPropertyFlags HostVisible = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;

    [Fact]
    public void Frames_allocate_no_device_memory_once_their_blocks_exist()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = 32, Height = 32 });
        loop.RenderFrame();
        int calls = session.Vulkan.Memory.AllocateCalls;

        for (int i = 0; i < 300; i++)
        {
            loop.RenderFrame();
        }

        Assert.Equal(calls, session.Vulkan.Memory.AllocateCalls); // three resources a frame, no vkAllocateMemory
        Assert.InRange(session.Vulkan.Memory.LiveBlocks, 1, 16);
        loop.Drain();
        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void A_block_is_never_freed_while_a_range_in_it_lives_and_goes_once_empty_long_enough()
    {
        using var session = new VulkanSession(emptyBlockFrames: 3);
        ResourceRegistry registry = session.Registry;
        VulkanResources res = session.Vulkan.Resources;
        BoundBuffer lasting = res.CreateBoundBuffer(session.Vulkan.DeviceHandle, 256, Usage, HostVisible, "lasting");
        ResourceHandle block = Assert.Single(registry.DependenciesOf(lasting.Memory));
        Assert.Equal("MemoryBlock", registry.GetInfo(block).Kind);

        // Asked to go directly, it waits for what depends on it; the allocator does not let it go either.
        registry.RequestDestroy(block);
        for (int i = 0; i < 10; i++)
        {
            registry.Update();
            session.Vulkan.Memory.ReleaseEmptyBlocks();
        }

        Assert.Equal(ResourceState.Blocked, registry.StateOf(block));
        Assert.Contains(lasting.Memory, registry.DependentsOf(block));

        registry.RequestDestroy(lasting.Memory, DestroyMode.Cascade);
        registry.Update(); // buffer, then its range
        Assert.False(registry.IsAlive(lasting.Memory));
        registry.Update(); // the block, no longer held
        Assert.False(registry.IsAlive(block));
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void An_empty_block_is_released_after_the_configured_frames_and_a_full_one_opens_another()
    {
        using var session = new VulkanSession(memoryBlockSize: 64 * 1024, emptyBlockFrames: 3);
        ResourceRegistry registry = session.Registry;
        GpuMemory memory = session.Vulkan.Memory;
        ResourceHandle<Engine.Render.Payloads.FrameScopeResource> scope = session.Vulkan.Resources.CreateFrameScope(session.Vulkan.DeviceHandle, 1, "scope");
        var buffers = Enumerable.Range(0, 6).Select(i => session.Vulkan.Resources.CreateBoundBuffer(scope, 16 * 1024, Usage, HostVisible, $"buffer {i}")).ToList();
        Assert.Equal(2, memory.LiveBlocks); // four 16 KiB ranges fill a 64 KiB block
        Assert.Equal(2, buffers.Select(b => registry.Get(b.Memory).Memory.Handle).Distinct().Count());
        var dedicated = session.Vulkan.Resources.CreateBoundBuffer(scope, 48 * 1024, Usage, HostVisible, "large");
        Assert.Equal(3, memory.LiveBlocks); // more than half a block: its own allocation
        Assert.Equal(0UL, registry.Get(dedicated.Memory).Offset);

        registry.RequestDestroy(scope, DestroyMode.Cascade);
        registry.Update();
        Assert.False(registry.IsAlive(scope));
        memory.ReleaseEmptyBlocks(); // the dedicated one goes at once, the others wait (empty for 1 frame)
        Assert.Equal(2, memory.LiveBlocks);
        for (int frame = 2; frame <= 3; frame++)
        {
            memory.ReleaseEmptyBlocks();
            Assert.Equal(2, memory.LiveBlocks);
        }

        memory.ReleaseEmptyBlocks(); // empty for a fourth frame: more than the 3 kept
        Assert.Equal(0, memory.LiveBlocks);
        registry.Update();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void A_range_the_GPU_may_still_read_is_not_handed_out_again()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        VulkanResources res = session.Vulkan.Resources;
        var scope = res.CreateFrameScope(session.Vulkan.DeviceHandle, 1, "frame 1");
        BoundBuffer used = res.CreateBoundBuffer(scope, 4096, Usage, HostVisible, "read by the GPU");
        ulong offset = registry.Get(used.Memory).Offset;
        registry.MarkInUse(used.Buffer, timelineValue: 5);
        registry.RequestDestroy(scope, DestroyMode.Cascade);

        var others = new List<BoundBuffer>();
        for (ulong completed = 0; completed < 5; completed++)
        {
            registry.Update(completed);
            Assert.True(registry.IsAlive(used.Memory), $"range freed at completed value {completed}");
            others.Add(res.CreateBoundBuffer(session.Vulkan.DeviceHandle, 4096, Usage, HostVisible, "other"));
            Assert.All(others, o => Assert.NotEqual(offset, registry.Get(o.Memory).Offset));
        }

        registry.Update(5);
        Assert.False(registry.IsAlive(used.Memory));
        foreach (BoundBuffer other in others)
        {
            registry.RequestDestroy(other.Memory, DestroyMode.Cascade);
        }

        registry.Update(5);
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
