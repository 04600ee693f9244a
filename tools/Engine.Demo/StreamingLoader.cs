using System.Collections.Concurrent;
using Engine.Render.Streaming;

namespace Engine.Demo;

/// <summary>
/// A loader thread streaming textures the way engines do: every few frames the owner reserves one (staging buffer and
/// image carved from the memory blocks: the registry and the block allocator are the owner thread's), the loader
/// writes its 64×64 RGBA pixels and uploads it through the transfer queue; the frames sample the newest one.
/// </summary>
internal sealed class StreamingLoader : IDisposable
{
    private readonly StreamedTextures _textures;
    private readonly SemaphoreSlim _requests = new(0);
    private readonly ConcurrentQueue<TextureUpload> _reserved = new();
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _waiting; // asked for, not yet reserved: the stream's budget of uploads in flight was spent
    private Exception? _failure;

    public StreamingLoader(StreamedTextures textures)
    {
        _textures = textures;
        _thread = new Thread(Run) { Name = "texture loader", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Requests still waiting for room when the loader stopped (a loader far behind the frames).</summary>
    public int Unserved => _waiting;

    /// <summary>
    /// Owner thread, once per frame: asks for an upload every <paramref name="every"/> frames; a request finding the
    /// stream's uploads in flight at their maximum waits for a later frame.
    /// </summary>
    public void OnFrame(long frame, int every)
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException($"the texture loader failed: {failure.Message}", failure);
        }

        if (frame % every == 0)
        {
            _waiting++;
        }

        while (_waiting > 0 && _textures.TryReserve(out TextureUpload upload))
        {
            _reserved.Enqueue(upload);
            _requests.Release();
            _waiting--;
        }
    }

    /// <summary>Stops the loader once it has uploaded everything asked for; the textures go with the frame loop.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _requests.Release();
        _thread.Join();
        while (_reserved.TryDequeue(out TextureUpload left))
        {
            _textures.Discard(left); // only after a failure: the loader uploads every request before it stops
        }

        _requests.Dispose();
    }

    private void Run()
    {
        int index = 0;
        try
        {
            while (true)
            {
                _requests.Wait();
                if (!_reserved.TryDequeue(out TextureUpload upload))
                {
                    return; // the stop signal comes after every request asked for: each one was uploaded
                }

                index++;
                Fill(upload.Pixels, (int)upload.Width, index);
                _textures.Upload(upload);
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }

    /// <summary>A gradient whose red channel changes with each texture, opaque so the triangle shows it.</summary>
    private static void Fill(Span<byte> pixels, int size, int index)
    {
        for (int i = 0; i < pixels.Length; i += 4)
        {
            pixels[i] = (byte)(index * 37);
            pixels[i + 1] = (byte)(i / 4 % size * 256 / size);
            pixels[i + 2] = (byte)(i / 4 / size * 256 / size);
            pixels[i + 3] = 255;
        }
    }
}
