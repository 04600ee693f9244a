using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;

namespace Engine.Render.Streaming;

/// <summary>
/// One texture on its way to the GPU: a host-visible staging buffer and the device-local image it is copied into, both
/// bound to ranges of the context's memory blocks. The owner thread reserves it (<see cref="StreamedTextures.Reserve"/>:
/// the registry and the block allocator are the owner's), a loader thread writes <see cref="Pixels"/> and hands it to
/// <see cref="StreamedTextures.Upload"/>, or to <see cref="StreamedTextures.Discard"/> if it gives up.
/// </summary>
public readonly unsafe struct TextureUpload
{
    private readonly nint _pixels;

    internal TextureUpload(BoundBuffer staging, BoundImage image, ResourceHandle<ImageViewResource> view, nint pixels, uint width, uint height)
    {
        Staging = staging;
        Target = image;
        View = view;
        _pixels = pixels;
        Width = width;
        Height = height;
    }

    /// <summary>Width of the image in pixels.</summary>
    public uint Width { get; }

    /// <summary>Height of the image in pixels.</summary>
    public uint Height { get; }

    /// <summary>The image the pixels end up in (R8G8B8A8 UNORM, sampled by the triangle once it arrives).</summary>
    public ResourceHandle<ImageResource> Image => Target.Image;

    /// <summary>
    /// The staging memory, RGBA8 row by row, written in place by the loader (coherent memory: no flush). Valid until the
    /// upload is handed to <see cref="StreamedTextures.Upload"/> or <see cref="StreamedTextures.Discard"/>.
    /// </summary>
    public Span<byte> Pixels => _pixels == 0 ? default : new Span<byte>((void*)_pixels, checked((int)(Width * Height * 4)));

    internal BoundBuffer Staging { get; }

    internal BoundImage Target { get; }

    internal ResourceHandle<ImageViewResource> View { get; }
}
