using BenchmarkDotNet.Attributes;
using Engine.Bench.Running;
using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkBuffer = Silk.NET.Vulkan.Buffer;

namespace Engine.Bench.Benchmarks;

/// <summary>
/// One frame of transient buffers: <see cref="Batch"/> VkBuffers of <see cref="Size"/> bytes created and destroyed,
/// per buffer. <see cref="Registry"/> creates them through <see cref="VulkanResources.CreateBuffer"/> under a frame
/// scope below the device, requests cascade destruction of the scope and runs the update, which destroys the buffers
/// children-first and then the scope. <see cref="Raw"/> (the baseline) makes the same vkCreateBuffer / vkDestroyBuffer
/// calls with the same create info on the same kind of device, so the ratio is the registry's overhead on top of the
/// driver. No memory is bound: binding would add the same driver cost to both sides and only dilute the ratio.
/// The validation layer is off: it costs far more per call than the registry and would hide the difference.
/// Not parameterised by the live count (the suite's <c>--live</c> option does not apply): the frame is the same
/// whatever else is alive, so it runs once.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class VulkanChurn
{
    public const int Batch = 1_000;
    public const ulong Size = 256;

    private const BufferUsageFlags Usage = BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferDstBit;

    private readonly VkBuffer[] _raw = new VkBuffer[Batch];
    private ResourceRegistry _registry = null!;
    private VulkanContext _vulkan = null!;
    private long _frame;

    /// <summary>The device both methods use, under its own registry; per case, so the two never share driver state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _registry = new ResourceRegistry();
        try
        {
            _vulkan = VulkanContext.Create(_registry, new VulkanContextOptions
            {
                ApplicationName = "Engine.Bench",
                Validation = ValidationMode.Off,
            });
        }
        catch (VulkanUnavailableException e)
        {
            // Thrown from here the case is reported as failed and the program exits non-zero: a missing driver must
            // never look like a passing benchmark.
            throw new InvalidOperationException($"{nameof(VulkanChurn)} needs a Vulkan device. {e.InstallHint}", e);
        }

        // Room for a frame's buffers and its scope, so the first frames do not grow the tables inside a measurement.
        _registry.Reserve<BufferResource>(Batch);
        _registry.Reserve<FrameScopeResource>(1);
        _registry.Reserve<Engine.Render.Memory.MemoryAllocationResource>(Batch);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Buffer")]
    public void Registry()
    {
        VulkanResources resources = _vulkan.Resources;
        ResourceHandle<FrameScopeResource> scope = resources.CreateFrameScope(_vulkan.DeviceHandle, ++_frame);
        for (int i = 0; i < Batch; i++)
        {
            resources.CreateBuffer(scope, Size, Usage);
        }

        _registry.RequestDestroy(scope, DestroyMode.Cascade);
        int destroyed = _registry.Update().Destroyed;
        // Checked here rather than in an [IterationCleanup], which would make BenchmarkDotNet run one invocation per
        // iteration on this side only, and the two sides would no longer be one job with a ratio. One compare a frame.
        if (destroyed != Batch + 1)
        {
            Expect.Equal(Batch + 1, destroyed, "resources destroyed per frame (buffers and their scope)");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Buffer")]
    public void Raw()
    {
        Vk api = _vulkan.Api;
        Device device = _vulkan.Device;
        // The same create info VulkanResources.CreateBuffer builds.
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = Size,
            Usage = Usage,
            SharingMode = SharingMode.Exclusive,
        };
        VkBuffer[] buffers = _raw;
        for (int i = 0; i < Batch; i++)
        {
            VkBuffer buffer;
            Result result = api.CreateBuffer(device, &info, null, &buffer);
            if (result != Result.Success)
            {
                throw new VulkanException("vkCreateBuffer", result);
            }

            buffers[i] = buffer;
        }

        for (int i = 0; i < Batch; i++)
        {
            api.DestroyBuffer(device, buffers[i], null);
        }
    }

    /// <summary>
    /// A buffer with memory, per buffer: <see cref="VulkanResources.CreateBoundBuffer"/> under a frame scope (a range of
    /// a memory block, bound at its offset), released by the scope's cascade; the block stays from frame to frame.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("BoundBuffer")]
    public void SubAllocated()
    {
        VulkanResources resources = _vulkan.Resources;
        ResourceHandle<FrameScopeResource> scope = resources.CreateFrameScope(_vulkan.DeviceHandle, ++_frame);
        for (int i = 0; i < Batch; i++)
        {
            resources.CreateBoundBuffer(scope, Size, Usage, MemoryPropertyFlags.HostVisibleBit);
        }

        _registry.RequestDestroy(scope, DestroyMode.Cascade);
        int destroyed = _registry.Update().Destroyed;
        if (destroyed != (2 * Batch) + 1)
        {
            Expect.Equal((2 * Batch) + 1, destroyed, "resources destroyed per frame (buffers, their ranges and the scope)");
        }
    }

    /// <summary>The same buffers the way a renderer without an allocator makes them: vkCreateBuffer,
    /// vkAllocateMemory of its requirements, vkBindBufferMemory, then vkDestroyBuffer and vkFreeMemory.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("BoundBuffer")]
    public void RawAllocated()
    {
        Vk api = _vulkan.Api;
        Device device = _vulkan.Device;
        var info = new BufferCreateInfo { SType = StructureType.BufferCreateInfo, Size = Size, Usage = Usage, SharingMode = SharingMode.Exclusive };
        VkBuffer[] buffers = _raw;
        DeviceMemory[] memories = _rawMemory;
        for (int i = 0; i < Batch; i++)
        {
            VkBuffer buffer;
            Check(api.CreateBuffer(device, &info, null, &buffer), "vkCreateBuffer");
            MemoryRequirements requirements;
            api.GetBufferMemoryRequirements(device, buffer, &requirements);
            var allocate = new MemoryAllocateInfo
            {
                SType = StructureType.MemoryAllocateInfo,
                AllocationSize = requirements.Size,
                MemoryTypeIndex = _vulkan.FindMemoryType(requirements.MemoryTypeBits, MemoryPropertyFlags.HostVisibleBit),
            };
            DeviceMemory memory;
            Check(api.AllocateMemory(device, &allocate, null, &memory), "vkAllocateMemory");
            Check(api.BindBufferMemory(device, buffer, memory, 0), "vkBindBufferMemory");
            buffers[i] = buffer;
            memories[i] = memory;
        }

        for (int i = 0; i < Batch; i++)
        {
            api.DestroyBuffer(device, buffers[i], null);
            api.FreeMemory(device, memories[i], null);
        }
    }

    private readonly DeviceMemory[] _rawMemory = new DeviceMemory[Batch];

    private static void Check(Result result, string call)
    {
        if (result != Result.Success)
        {
            throw new VulkanException(call, result);
        }
    }

    /// <summary>Releases device, messenger and instance and shuts the registry down; a leak here is a bug in the frame.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_vulkan is not null)
        {
            _vulkan.WaitIdle();
            _vulkan.Release();
            _registry.Update();
        }

        TeardownReport report = _registry.Shutdown();
        Expect.True(report.IsClean, $"a clean teardown (leaks: {report.Leaks.Count}, not destroyed: {report.NotDestroyed.Count})");
    }
}
