using System.Collections.Concurrent;
using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Demo;

/// <summary>
/// A loader thread streaming textures the way engines do: every few frames the owner asks for one, the loader
/// uploads 64×64 RGBA pixels into a new buffer and registers it from its own thread (the handle is usable at once,
/// the resource joins at the next update). The owner keeps the four newest and releases older ones.
/// </summary>
internal sealed class StreamingLoader : IDisposable
{
    private const int Kept = 4;
    private const int Size = 64;

    private readonly VulkanContext _vulkan;
    private readonly SemaphoreSlim _requests = new(0);
    private readonly ConcurrentQueue<ResourceHandle<StreamedBufferResource>> _uploaded = new();
    private readonly Queue<ResourceHandle<StreamedBufferResource>> _kept = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private Exception? _failure;

    public StreamingLoader(VulkanContext vulkan)
    {
        _vulkan = vulkan;
        _thread = new Thread(Run) { Name = "texture loader", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Uploads the loader finished (joined or about to).</summary>
    public int Uploaded { get; private set; }

    public int Released { get; private set; }

    /// <summary>Owner thread, once per frame: asks for an upload every <paramref name="every"/> frames and keeps the newest few.</summary>
    public void OnFrame(long frame, int every)
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException($"the texture loader failed: {failure.Message}", failure);
        }

        if (frame % every == 0)
        {
            _requests.Release();
        }

        while (_uploaded.TryDequeue(out ResourceHandle<StreamedBufferResource> texture))
        {
            Uploaded++;
            _kept.Enqueue(texture);
        }

        while (_kept.Count > Kept)
        {
            _vulkan.Registry.RequestDestroy(_kept.Dequeue());
            Released++;
        }
    }

    /// <summary>Stops the loader once it has uploaded everything asked for, and releases what it uploaded.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _requests.Release();
        _thread.Join();
        while (_uploaded.TryDequeue(out ResourceHandle<StreamedBufferResource> texture))
        {
            Uploaded++;
            _kept.Enqueue(texture);
        }

        // The last uploads join at an update; a release before that would name a resource that is not there yet.
        _vulkan.Registry.Update();
        foreach (ResourceHandle<StreamedBufferResource> texture in _kept)
        {
            _vulkan.Registry.RequestDestroy(texture);
            Released++;
        }

        _kept.Clear();
        _requests.Dispose();
    }

    private void Run()
    {
        var pixels = new byte[Size * Size * 4];
        int index = 0;
        try
        {
            while (true)
            {
                _requests.Wait();
                if (_stopping && _requests.CurrentCount == 0)
                {
                    return; // the stop signal comes after every request asked for: each one was uploaded
                }

                index++;
                for (int i = 0; i < pixels.Length; i += 4)
                {
                    pixels[i] = (byte)(index * 37);
                    pixels[i + 1] = (byte)(i / 4 % Size * 4);
                    pixels[i + 2] = (byte)(i / 4 / Size * 4);
                    pixels[i + 3] = 255;
                }

                _uploaded.Enqueue(_vulkan.Resources.CreateStreamedBuffer(_vulkan.DeviceHandle, pixels, BufferUsageFlags.TransferSrcBit, "streamed texture"));
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }
}
