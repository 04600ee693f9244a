using System.Globalization;
using System.Text.Json;
using Engine.Analysis;
using Engine.Render.Frames;
using Engine.Render.Memory;
using Engine.Render.Vulkan;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Dump;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>
/// A snapshot of a real headless loop, with its memory blocks fragmented on purpose: what resdump and the analysis read
/// from the file is what the allocator itself counts in each block (its own range list, not the registry's records).
/// </summary>
[Collection(VulkanCollection.Name)]
public class MemorySnapshotTests
{
    private const BufferUsageFlags Usage = BufferUsageFlags.UniformBufferBit;
    private const MemoryPropertyFlags HostVisible = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;

    [Fact]
    public void Resdump_shows_each_blocks_use_as_the_allocator_counts_it()
    {
        using var session = new VulkanSession(memoryBlockSize: 256 * 1024);
        ResourceRegistry registry = session.Registry;
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = 32, Height = 32 });
        for (int i = 0; i < 5; i++)
        {
            loop.RenderFrame();
        }

        // Six lasting 16 KiB buffers, every other one released: holes between live ranges.
        var lasting = Enumerable.Range(0, 6)
            .Select(i => session.Vulkan.Resources.CreateBoundBuffer(session.Vulkan.DeviceHandle, 16 * 1024, Usage, HostVisible, $"lasting {i}")).ToList();
        foreach (int i in new[] { 1, 3 })
        {
            registry.RequestDestroy(lasting[i].Memory, DestroyMode.Cascade);
        }

        for (int i = 0; i < 3; i++)
        {
            loop.RenderFrame();
        }

        string path = Path.Combine(Path.GetTempPath(), $"memory-{Guid.NewGuid():N}.ressnap");
        try
        {
            registry.WriteSnapshotFile(path);
            var memory = new MemoryAnalysis(new SnapshotIndex(SnapshotReader.ReadFile(path)));

            var blocks = new List<ResourceHandle>();
            foreach (ResourceHandle handle in registry.Resources)
            {
                if (registry.GetInfo(handle).Kind == "MemoryBlock")
                {
                    blocks.Add(handle);
                }
            }

            Assert.Equal(blocks.Count, memory.Containers.Count);
            Assert.Equal(0, memory.Unmatched);
            foreach (ResourceHandle handle in blocks)
            {
                MemoryBlockResource block = registry.Get(new ResourceHandle<MemoryBlockResource>(handle));
                ContainerUse use = Assert.Single(memory.Containers, c => memory.Index.Records[c.Index].Handle == new SnapshotHandle(handle.Id, handle.Version));
                Assert.Equal((long)block.Size, use.Size);
                Assert.Equal((long)block.Used, use.Used);
                Assert.Equal(block.Allocations, use.Ranges);
                Assert.Equal((long)block.Ranges.LargestFree, use.LargestFree);
                Assert.Equal(block.Fragmentation, use.Fragmentation, 12);
                Assert.Equal(0, use.BadRanges);
            }

            Assert.Contains(memory.Containers, c => c.Fragmentation > 0); // the released buffers left holes

            DumpRun stats = DumpRunner.Run("stats", path);
            Assert.Equal(0, stats.ExitCode);
            Assert.Contains("Memory (placed resources per container)", stats.Stdout, StringComparison.Ordinal);
            Assert.Contains($"Total ({blocks.Count} container", stats.Stdout, StringComparison.Ordinal);
            foreach (ContainerUse use in memory.Containers)
            {
                Assert.Contains(BlockerAnalysis.Identity(memory.Index.Records[use.Index]), stats.Stdout, StringComparison.Ordinal);
            }

            DumpRun json = DumpRunner.Run("stats", path, "--json");
            Assert.Equal(0, json.ExitCode);
            using JsonDocument document = JsonDocument.Parse(json.Stdout);
            JsonElement written = document.RootElement.GetProperty("memory");
            Assert.Equal(blocks.Count, written.GetProperty("containerCount").GetInt32());
            Assert.Equal(memory.TotalUsed, Int128.Parse(written.GetProperty("used").GetRawText(), CultureInfo.InvariantCulture));
            Assert.Equal(memory.Containers.Select(c => c.Used), written.GetProperty("containers").EnumerateArray().Select(c => c.GetProperty("used").GetInt64()));

            // tree: where a lasting buffer's range sits, in the block the allocator gave it.
            MemoryAllocationResource range = registry.Get(lasting[2].Memory);
            ResourceHandle owner = Assert.Single(registry.DependenciesOf(lasting[2].Memory));
            DumpRun tree = DumpRunner.Run("tree", path, "--kind", "MemoryAllocation", "--name", "lasting 2");
            Assert.Equal(0, tree.ExitCode);
            Assert.Contains($"@0x{range.Offset:x} +16.0 KiB in MemoryBlock #{owner.Id}v{owner.Version}", tree.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("depends on", tree.Stdout, StringComparison.Ordinal); // the placement already names the block
        }
        finally
        {
            File.Delete(path);
        }

        foreach (int i in new[] { 0, 2, 4, 5 })
        {
            registry.RequestDestroy(lasting[i].Memory, DestroyMode.Cascade);
        }

        loop.Drain();
        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
