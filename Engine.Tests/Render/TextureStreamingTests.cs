using System.Collections.Concurrent;
using Engine.Render.Frames;
using Engine.Render.Streaming;
using Engine.Resources;

namespace Engine.Tests.Render;

/// <summary>
/// Textures streamed from a loader thread through the transfer queue and sampled by the triangle, with the validation
/// layer as the oracle (layouts, semaphore values, queue use): the picture shows the texture, staging goes once the
/// frame that waited for it is done, replaced textures go, nothing leaks, and the owner thread allocates nothing.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class TextureStreamingTests
{
    private const uint Size = 96;

    [Fact]
    public void A_texture_uploaded_by_a_loader_thread_is_what_the_triangle_shows()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = Size, Height = Size });
        StreamedTextures textures = loop.Textures;
        ResourceHandle defaultTexture = textures.Current;

        // Before any upload: the default texture is transparent, the vertex colours show (a third of each at the centre).
        loop.RenderFrame(capture: true);
        byte[] before = Centre(loop.ReadCapturedPixels());
        Assert.InRange(before[1], 95, 110); // green: (1 + 0.1 + 0.1) / 3 of 255, untinted

        TextureUpload upload = textures.Reserve();
        var loader = new Thread(() =>
        {
            Span<byte> pixels = upload.Pixels;
            for (int i = 0; i < pixels.Length; i += 4)
            {
                pixels[i] = 200;
                pixels[i + 1] = 40;
                pixels[i + 2] = 90;
                pixels[i + 3] = 255;
            }

            textures.Upload(upload);
        });
        loader.Start();
        loader.Join();

        loop.RenderFrame(capture: true);
        Assert.Equal(upload.Image.Untyped, textures.Current.Untyped);
        byte[] after = Centre(loop.ReadCapturedPixels());
        // The tint keeps green at 1 and scales red and blue by 0.5 to 1.
        Assert.InRange(after[1], 39, 41);
        Assert.InRange(after[0], 100, 200);
        Assert.InRange(after[2], 45, 90);

        loop.Drain();
        Assert.False(session.Registry.IsAlive(defaultTexture), "the default texture is released once a streamed one replaces it");
        loop.Release();
        loop.Drain();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Staging_lives_until_the_frame_that_waited_for_the_upload_is_done_and_replaced_textures_go()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = Size, Height = Size, FramesInFlight = 3 });
        StreamedTextures textures = loop.Textures;
        loop.RenderFrame();
        loop.Drain();

        TextureUpload first = textures.Reserve();
        first.Pixels.Fill(255);
        textures.Upload(first);
        FrameResult waited = loop.RenderFrame();
        // Released right after the submission that waited for the upload, kept until that submission completes.
        registry.Update(loop.Timeline.Completed); // as of the frame's start: the waiting frame is not done yet
        Assert.Equal(ResourceState.WaitingForGpu, registry.StateOf(first.Staging.Buffer));
        loop.Drain();
        Assert.True(waited.TimelineValue <= loop.Timeline.Completed);
        Assert.False(registry.IsAlive(first.Staging.Buffer));
        Assert.False(registry.IsAlive(first.Staging.Memory));
        Assert.True(registry.IsAlive(first.Image), "the texture being sampled stays");

        // Three uploads before the next frame: it waits for the newest, samples it, and releases the other two at once.
        var next = new TextureUpload[3];
        for (int i = 0; i < next.Length; i++)
        {
            next[i] = textures.Reserve();
            next[i].Pixels.Fill((byte)(i * 50));
            textures.Upload(next[i]);
        }

        loop.RenderFrame();
        Assert.Equal(next[^1].Image.Untyped, textures.Current.Untyped);
        loop.Drain();
        Assert.False(registry.IsAlive(first.Image), "the replaced texture goes");
        Assert.False(registry.IsAlive(next[0].Image), "a texture skipped for a newer one goes");
        Assert.False(registry.IsAlive(next[1].Image));
        Assert.True(registry.IsAlive(next[2].Image));
        Assert.Equal(4, textures.Uploaded);
        Assert.Equal(4, textures.Arrived);
        Assert.Equal(3, textures.Released);

        loop.Release();
        loop.Drain();
        Assert.Equal(4, textures.Released);
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Uploads_still_on_the_queue_at_release_are_waited_for_and_destroyed_cleanly()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = Size, Height = Size });
        StreamedTextures textures = loop.Textures;
        loop.RenderFrame();
        for (int i = 0; i < 6; i++)
        {
            TextureUpload upload = textures.Reserve();
            upload.Pixels.Fill(7);
            textures.Upload(upload); // more than the upload command buffers: the sixth waits for the second on the CPU
        }

        textures.Discard(textures.Reserve()); // a loader that gave up
        loop.Release();
        loop.Drain();
        Assert.Equal(6, textures.Released);
        Assert.Throws<ObjectDisposedException>(() => textures.Reserve());
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Frames_streaming_from_a_loader_thread_every_four_allocate_nothing_on_the_owner_thread()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = 64, Height = 64, FramesInFlight = 3 });
        StreamedTextures textures = loop.Textures;
        var requests = new ConcurrentQueue<TextureUpload>();
        using var requested = new SemaphoreSlim(0);
        using var paused = new ManualResetEventSlim(false);
        var loader = new Thread(() =>
        {
            while (true)
            {
                requested.Wait();
                paused.Wait();
                if (!requests.TryDequeue(out TextureUpload upload))
                {
                    return; // the stop signal: every request before it was taken
                }

                upload.Pixels.Fill(128);
                textures.Upload(upload);
            }
        });
        loader.Start();
        int reserved = 0;

        void Frame(int i)
        {
            loop.RenderFrame();
            if (i % 4 == 0 && textures.TryReserve(out TextureUpload upload))
            {
                requests.Enqueue(upload);
                requested.Release();
                reserved++;
            }
        }

        // Warm-up at the high-water mark: a stalled loader lets the reservations reach the budget, and then all of
        // them arrive in a burst, so every pool and list has grown as far as the budget lets it.
        for (int i = 1; i <= 60; i++)
        {
            Frame(i);
        }

        Assert.Equal(textures.MaxInFlight, textures.InFlight);
        Assert.False(textures.TryReserve(out _), "the budget of uploads in flight is spent");
        paused.Set();
        for (int i = 61; i <= 200; i++)
        {
            Frame(i);
            if (i <= 72)
            {
                LagWarmup.HoldLastTransients(session.Registry, loop); // more frames alive than any GPU lag keeps
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 201; i <= 400; i++)
        {
            Frame(i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        requested.Release();
        loader.Join();
        Assert.Equal(0, allocated);
        Assert.Equal(reserved, textures.Uploaded);
        Assert.True(textures.Arrived > reserved - textures.MaxInFlight, $"{textures.Arrived} of {reserved} uploads reached the frames while they rendered");
        loop.Release();
        loop.Drain();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Two_loader_threads_uploading_at_once_leave_the_newest_sampled_and_nothing_behind()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = 64, Height = 64, FramesInFlight = 3 });
        StreamedTextures textures = loop.Textures;
        var queues = new[] { new ConcurrentQueue<TextureUpload>(), new ConcurrentQueue<TextureUpload>() };
        int reserved = 0;
        bool done = false;
        var loaders = queues.Select(queue => new Thread(() =>
        {
            while (!Volatile.Read(ref done) || !queue.IsEmpty)
            {
                if (queue.TryDequeue(out TextureUpload upload))
                {
                    upload.Pixels.Fill(200);
                    textures.Upload(upload); // serialised inside; hand-overs may reach the frames out of order
                }
                else
                {
                    Thread.Yield();
                }
            }
        })).ToArray();
        foreach (Thread loader in loaders)
        {
            loader.Start();
        }

        for (int frame = 1; frame <= 240; frame++)
        {
            loop.RenderFrame();
            while (reserved < 80 && textures.TryReserve(out TextureUpload upload))
            {
                queues[reserved++ % 2].Enqueue(upload);
            }
        }

        Volatile.Write(ref done, true);
        foreach (Thread loader in loaders)
        {
            loader.Join();
        }

        loop.RenderFrame();
        loop.Drain();
        Assert.Equal(80, textures.Uploaded);
        Assert.Equal(80, textures.Arrived);
        Assert.Equal(79, textures.Released); // all but the one sampled now
        Assert.True(session.Registry.IsAlive(textures.Current));
        loop.Release();
        loop.Drain();
        Assert.Equal(80, textures.Released);
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    private static byte[] Centre(byte[] pixels)
    {
        int centre = (((int)Size / 2 * (int)Size) + ((int)Size / 2)) * 4;
        return pixels[centre..(centre + 4)];
    }
}
