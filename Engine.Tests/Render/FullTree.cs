using Engine.Render.Frames;
using Engine.Render.Offscreen;
using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>
/// Every kind of Vulkan payload in one tree: the seed renderer's objects (through the frame loop)
/// plus a sampler, a query pool, a compute pipeline, a free-able descriptor pool with sets and a
/// frame scope holding a buffer. A few frames are rendered so that parts of it are in flight.
/// </summary>
internal sealed unsafe class FullTree
{
    public FullTree(VulkanSession session)
    {
        VulkanContext vulkan = session.Vulkan;
        VulkanResources res = vulkan.Resources;
        ResourceHandle device = vulkan.DeviceHandle;
        Loop = new HeadlessFrameLoop(vulkan, new FrameLoopOptions { Width = 64, Height = 64 });

        res.CreateSampler(device, Filter.Linear, "linear sampler");
        res.CreateQueryPool(device, QueryType.Timestamp, 4, "timestamps");

        var binding = new DescriptorSetLayoutBinding
        {
            Binding = 0,
            DescriptorType = DescriptorType.StorageBuffer,
            DescriptorCount = 1,
            StageFlags = ShaderStageFlags.ComputeBit,
        };
        var setLayout = res.CreateDescriptorSetLayout(device, new ReadOnlySpan<DescriptorSetLayoutBinding>(&binding, 1), "fill layout");
        DescriptorSetLayout rawSetLayout = vulkan.Registry.Get(setLayout).Handle;
        var layout = res.CreatePipelineLayout(device, new ReadOnlySpan<DescriptorSetLayout>(&rawSetLayout, 1), "fill pipeline layout");
        var shader = res.CreateShaderModule(device, ShaderLibrary.Load(ShaderLibrary.FillCompute), "fill.comp");
        res.CreateComputePipeline(device, vulkan.Registry.Get(shader).Handle, vulkan.Registry.Get(layout).Handle, "fill pipeline");

        var size = new DescriptorPoolSize(DescriptorType.StorageBuffer, 4);
        var pool = res.CreateDescriptorPool(device, 4, new ReadOnlySpan<DescriptorPoolSize>(&size, 1), freeIndividualSets: true, "storage descriptors");
        res.AllocateDescriptorSet(pool, rawSetLayout, "storage set 1");
        res.AllocateDescriptorSet(pool, rawSetLayout, "storage set 2");

        var scope = res.CreateFrameScope(device, 0, "loading scope");
        res.CreateBoundBuffer(scope, 4096, BufferUsageFlags.StorageBufferBit, MemoryPropertyFlags.HostVisibleBit, "staging");

        for (int i = 0; i < 3; i++)
        {
            Loop.RenderFrame();
        }

        // Applies the last frame's release request; its transients now wait for the GPU.
        session.Registry.Update(Loop.Timeline.Completed);
    }

    public HeadlessFrameLoop Loop { get; }

    /// <summary>Every resource not yet released (state Alive) with its depth (roots at 0).</summary>
    public static List<(ResourceHandle Handle, int Depth)> Snapshot(ResourceRegistry registry)
    {
        var all = new List<(ResourceHandle, int)>();
        foreach (ResourceHandle handle in registry.Resources)
        {
            if (registry.StateOf(handle) != ResourceState.Alive)
            {
                continue;
            }

            int depth = 0;
            foreach (ResourceHandle _ in registry.AncestorsOf(handle))
            {
                depth++;
            }

            all.Add((handle, depth));
        }

        return all;
    }
}
