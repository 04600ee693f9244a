using Engine.Render.Frames;
using Engine.Render.Memory;
using Engine.Render.Payloads;
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public unsafe void Live_ranges_are_aligned_never_overlap_and_images_never_share_a_block_with_buffers(int seed)
    {
        // Small blocks, so that random buffers and images of random sizes fill them, open new ones and leave holes.
        using var session = new VulkanSession(memoryBlockSize: 256 * 1024, emptyBlockFrames: 2);
        ResourceRegistry registry = session.Registry;
        VulkanResources res = session.Vulkan.Resources;
        Vk api = session.Vulkan.Api;
        Device device = session.Vulkan.Device;
        var random = new Random(seed);
        var live = new List<(ResourceHandle<MemoryAllocationResource> Memory, ulong Alignment, bool Image)>();
        BufferUsageFlags[] usages = [BufferUsageFlags.UniformBufferBit, BufferUsageFlags.VertexBufferBit, BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferDstBit];

        for (int step = 0; step < 400; step++)
        {
            if (live.Count > 0 && random.Next(3) == 0)
            {
                int victim = random.Next(live.Count);
                registry.RequestDestroy(live[victim].Memory, DestroyMode.Cascade);
                live.RemoveAt(victim);
            }
            else if (random.Next(4) == 0)
            {
                uint side = (uint)random.Next(1, 96);
                BoundImage image = res.CreateBoundImage2D(session.Vulkan.DeviceHandle, Format.R8G8B8A8Unorm, side, side + 3, ImageUsageFlags.SampledBit, $"image {step}");
                MemoryRequirements requirements;
                api.GetImageMemoryRequirements(device, image.RawImage, &requirements);
                live.Add((image.Memory, requirements.Alignment, true));
            }
            else
            {
                ulong size = (ulong)random.Next(1, random.Next(2) == 0 ? 512 : 100_000);
                BoundBuffer buffer = res.CreateBoundBuffer(session.Vulkan.DeviceHandle, size, usages[random.Next(usages.Length)], HostVisible, $"buffer {step}");
                MemoryRequirements requirements;
                api.GetBufferMemoryRequirements(device, buffer.RawBuffer, &requirements);
                live.Add((buffer.Memory, requirements.Alignment, false));
            }

            registry.Update();
            session.Vulkan.Memory.ReleaseEmptyBlocks();
            AssertRangesSound(registry, live);
        }

        foreach (var allocation in live)
        {
            registry.RequestDestroy(allocation.Memory, DestroyMode.Cascade);
        }

        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void A_request_larger_than_its_heap_is_refused_naming_it_and_nothing_is_left_behind()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        GpuMemory memory = session.Vulkan.Memory;
        BoundBuffer before = session.Vulkan.Resources.CreateBoundBuffer(session.Vulkan.DeviceHandle, 256, Usage, HostVisible, "before");
        (int count, int calls, int blocks) = (registry.Count, memory.AllocateCalls, memory.LiveBlocks);
        ulong heap = 0;
        for (int i = 0; i < session.Vulkan.MemoryProperties.MemoryHeapCount; i++)
        {
            heap = Math.Max(heap, session.Vulkan.MemoryProperties.MemoryHeaps[i].Size);
        }

        var requirements = new MemoryRequirements { Size = heap + (1UL << 20), Alignment = 256, MemoryTypeBits = uint.MaxValue };
        VulkanException error = Assert.Throws<VulkanException>(() =>
            memory.Allocate(session.Vulkan.DeviceHandle, requirements, HostVisible, forOptimalImage: false, "huge upload"));

        Assert.Equal(Result.ErrorOutOfDeviceMemory, error.Result);
        Assert.Contains("\"huge upload\"", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{requirements.Size:N0} bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal((count, calls, blocks), (registry.Count, memory.AllocateCalls, memory.LiveBlocks));

        // The allocator is unharmed: the next request is served from the existing block.
        BoundBuffer after = session.Vulkan.Resources.CreateBoundBuffer(session.Vulkan.DeviceHandle, 256, Usage, HostVisible, "after");
        Assert.Equal(calls, memory.AllocateCalls);
        registry.RequestDestroy(before.Memory, DestroyMode.Cascade);
        registry.RequestDestroy(after.Memory, DestroyMode.Cascade);
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    private static void AssertRangesSound(ResourceRegistry registry, List<(ResourceHandle<MemoryAllocationResource> Memory, ulong Alignment, bool Image)> live)
    {
        var byBlock = new Dictionary<ulong, List<(ulong Offset, ulong End, bool Image)>>();
        foreach (var allocation in live)
        {
            MemoryAllocationResource range = registry.Get(allocation.Memory);
            Assert.True(range.Offset % allocation.Alignment == 0, $"offset {range.Offset} not aligned to {allocation.Alignment}");
            if (!byBlock.TryGetValue(range.Memory.Handle, out var ranges))
            {
                byBlock[range.Memory.Handle] = ranges = [];
            }

            ranges.Add((range.Offset, range.Offset + range.Size, allocation.Image));
        }

        foreach (var ranges in byBlock.Values)
        {
            // Optimal images and buffers in separate blocks: bufferImageGranularity never applies between neighbours.
            Assert.Single(ranges.Select(r => r.Image).Distinct());
            ranges.Sort();
            for (int i = 1; i < ranges.Count; i++)
            {
                Assert.True(ranges[i - 1].End <= ranges[i].Offset, $"[{ranges[i - 1].Offset}, {ranges[i - 1].End}) overlaps [{ranges[i].Offset}, {ranges[i].End})");
            }
        }
    }

    [Fact]
    public unsafe void A_buffer_created_by_hand_binds_to_a_range_as_documented()
    {
        using var session = new VulkanSession();
        VulkanContext vulkan = session.Vulkan;
        ResourceRegistry registry = session.Registry;
        var scope = vulkan.Resources.CreateFrameScope(vulkan.DeviceHandle, 1, "frame 1");
        var info = new BufferCreateInfo { SType = StructureType.BufferCreateInfo, Size = 4096, Usage = BufferUsageFlags.StorageBufferBit, SharingMode = SharingMode.Exclusive };
        Silk.NET.Vulkan.Buffer buffer;
        Assert.Equal(Result.Success, vulkan.Api.CreateBuffer(vulkan.Device, &info, null, &buffer));

        // docs/vulkan-integration.md, "GPU memory": a buffer made outside VulkanResources, bound to a range.
        MemoryRequirements requirements;
        vulkan.Api.GetBufferMemoryRequirements(vulkan.Device, buffer, &requirements);
        ResourceHandle<MemoryAllocationResource> range = vulkan.Memory.Allocate(scope, requirements, MemoryPropertyFlags.DeviceLocalBit, forOptimalImage: false, "particles");
        MemoryAllocationResource bound = registry.Get(range);
        vulkan.Api.BindBufferMemory(vulkan.Device, buffer, bound.Memory, bound.Offset);
        registry.Create(new BufferResource(buffer, requirements.Size), range, "particles");

        Assert.Equal(requirements.Size, registry.Get(range).Size);
        Assert.Equal("MemoryBlock", registry.GetInfo(Assert.Single(registry.DependenciesOf(range))).Kind);
        registry.RequestDestroy(scope, DestroyMode.Cascade); // the buffer, then its range, then the scope
        registry.Update();
        Assert.False(registry.IsAlive(range));
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
