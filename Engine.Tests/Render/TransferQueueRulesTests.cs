using Engine.Render.Streaming;
using Engine.Render.Vulkan;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>
/// The rules of streaming that lavapipe (one queue family, one queue) cannot show the validation layer: the
/// queue-family ownership transfer a device with a dedicated transfer family gets, and the queue lock two threads submit
/// under.
/// </summary>
public sealed class TransferQueueRulesTests
{
    private static readonly Image SomeImage = new(0x1234);

    [Fact]
    public void Across_families_release_and_acquire_name_the_same_transfer_and_layouts()
    {
        const uint transfer = 2;
        const uint graphics = 0;
        ImageMemoryBarrier release = OwnershipBarriers.Release(SomeImage, transfer, graphics);
        ImageMemoryBarrier acquire = OwnershipBarriers.Acquire(SomeImage, transfer, graphics);

        // Vulkan: the acquire repeats the release's families and layouts, or the transfer (and transition) is undefined.
        Assert.Equal(transfer, release.SrcQueueFamilyIndex);
        Assert.Equal(graphics, release.DstQueueFamilyIndex);
        Assert.Equal(release.SrcQueueFamilyIndex, acquire.SrcQueueFamilyIndex);
        Assert.Equal(release.DstQueueFamilyIndex, acquire.DstQueueFamilyIndex);
        Assert.Equal(release.OldLayout, acquire.OldLayout);
        Assert.Equal(release.NewLayout, acquire.NewLayout);
        Assert.Equal(ImageLayout.TransferDstOptimal, release.OldLayout);
        Assert.Equal(ImageLayout.ShaderReadOnlyOptimal, release.NewLayout);
        // The release makes the copy's writes available; its destination access is ignored, the acquire's counts.
        Assert.Equal(AccessFlags.TransferWriteBit, release.SrcAccessMask);
        Assert.Equal(AccessFlags.None, release.DstAccessMask);
        Assert.Equal(AccessFlags.ShaderReadBit, acquire.DstAccessMask);
        Assert.Equal(SomeImage, acquire.Image);
    }

    [Fact]
    public void Within_one_family_the_barrier_transfers_nothing()
    {
        ImageMemoryBarrier barrier = OwnershipBarriers.Release(SomeImage, 0, 0);
        Assert.Equal(Vk.QueueFamilyIgnored, barrier.SrcQueueFamilyIndex);
        Assert.Equal(Vk.QueueFamilyIgnored, barrier.DstQueueFamilyIndex);
        Assert.Equal(ImageLayout.ShaderReadOnlyOptimal, barrier.NewLayout);
        Assert.Equal(PipelineStageFlags.FragmentShaderBit, OwnershipBarriers.SampleStage);
    }

    [Fact]
    public void The_queue_lock_serves_a_waiting_loader_before_the_owner_comes_back()
    {
        var queueLock = new QueueLock();
        for (int round = 0; round < 50; round++)
        {
            var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
            queueLock.Enter(); // the owner thread, submitting a frame
            var loader = new Thread(() =>
            {
                using (queueLock.Hold())
                {
                    order.Enqueue("loader");
                }
            });
            loader.Start();
            Assert.True(SpinWait.SpinUntil(() => queueLock.Waiting == 1, TimeSpan.FromSeconds(10)), "the loader never queued");
            queueLock.Exit();
            // The owner's next submission, at once: an ordinary lock usually lets it in first, since the loader sleeps.
            using (queueLock.Hold())
            {
                order.Enqueue("owner");
            }

            loader.Join();
            Assert.Equal(["loader", "owner"], order.ToArray());
        }
    }

    [Fact]
    public void The_queue_lock_excludes()
    {
        var queueLock = new QueueLock();
        long unguarded = 0;
        var threads = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < 20_000; i++)
            {
                using (queueLock.Hold())
                {
                    unguarded++;
                }
            }
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(60_000, unguarded);
        Assert.Equal(0, queueLock.Waiting);
    }
}
