using Engine.Render.Frames;
using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

/// <summary>
/// A loader thread creating Vulkan objects while the owner renders, with the validation layer as the oracle: every
/// streamed buffer is destroyed exactly once, with its device, whatever the owner does meanwhile.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class StreamingTests
{
    [Fact]
    public void Buffers_streamed_from_a_loader_thread_join_while_frames_render_and_go_cleanly()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { FramesInFlight = 3 });
        ResourceRegistry registry = session.Registry;
        var uploaded = new System.Collections.Concurrent.ConcurrentQueue<ResourceHandle<StreamedBufferResource>>();
        byte[] pixels = Enumerable.Range(0, 64 * 64 * 4).Select(i => (byte)i).ToArray();
        var loader = new Thread(() =>
        {
            for (int i = 0; i < 40; i++)
            {
                uploaded.Enqueue(session.Vulkan.Resources.CreateStreamedBuffer(session.Vulkan.DeviceHandle, pixels, BufferUsageFlags.TransferSrcBit, $"texture {i}"));
            }
        });
        loader.Start();
        var joined = new List<ResourceHandle<StreamedBufferResource>>();
        for (int frame = 0; frame < 200 && (loader.IsAlive || !uploaded.IsEmpty); frame++)
        {
            loop.RenderFrame();
            while (uploaded.TryPeek(out var next) && registry.IsAlive(next))
            {
                uploaded.TryDequeue(out _);
                joined.Add(next);
                Assert.Equal(session.Vulkan.DeviceHandle.Untyped, registry.ParentOf(next));
                Assert.Equal((ulong)pixels.Length, registry.Get(next).Size);
                registry.RequestDestroy(next); // used by nothing: goes at the next update
            }
        }

        loader.Join();
        loop.RenderFrame();
        while (uploaded.TryDequeue(out var last))
        {
            joined.Add(last);
            registry.RequestDestroy(last);
        }

        loop.Drain();
        Assert.Equal(40, joined.Count);
        Assert.All(joined, h => Assert.False(registry.IsAlive(h)));
        loop.Release();
        loop.Drain();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void A_shutdown_while_the_loader_is_still_uploading_destroys_every_buffer_with_its_device()
    {
        var session = new VulkanSession();
        byte[] pixels = new byte[256 * 256 * 4];
        int made = 0;
        int refused = 0;
        using var started = new ManualResetEventSlim();
        var loader = new Thread(() =>
        {
            while (true)
            {
                try
                {
                    session.Vulkan.Resources.CreateStreamedBuffer(session.Vulkan.DeviceHandle, pixels, BufferUsageFlags.TransferSrcBit, "late texture");
                    Interlocked.Increment(ref made);
                    started.Set();
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref refused);
                    return; // refused before any Vulkan call: nothing to clean up
                }
            }
        });
        loader.Start();
        started.Wait(TestContext.Current.CancellationToken);
        session.Vulkan.Release();
        TeardownReport report = session.Registry.Shutdown(); // the loader is mid-upload: the shutdown waits for it
        loader.Join();

        Assert.Equal(1, refused);
        Assert.True(made > 0);
        // They joined under a device already released, so they went with it (not leaks), before it: the layer would
        // report a device destroyed with live buffers (VUID-vkDestroyDevice-device-00378).
        Assert.DoesNotContain(report.Leaks, l => l.Name == "late texture");
        Assert.Empty(report.NotDestroyed);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
