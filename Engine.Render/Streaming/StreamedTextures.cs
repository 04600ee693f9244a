using System.Collections.Concurrent;
using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Engine.Render.Streaming;

/// <summary>
/// Textures streamed from a loader thread through the transfer queue (<see cref="VulkanContext.TransferQueue"/>: a
/// dedicated transfer family when the device has one, else the graphics queue) and sampled by the frame loop's
/// triangle.
/// <list type="number">
/// <item>The owner thread <see cref="Reserve"/>s an upload: staging buffer and image, carved from the memory blocks
/// (the registry and <see cref="Memory.GpuMemory"/> are the owner's; no vkAllocateMemory per texture).</item>
/// <item>A loader thread fills its pixels and calls <see cref="Upload"/>: copy with layout transitions (and the release
/// half of a queue-family ownership transfer), submitted under the queue's lock, signalling the next value of a
/// timeline semaphore.</item>
/// <item>The frame that first sees it waits for that value on the GPU (never on the CPU), records the acquire half
/// when the families differ, samples the newest texture, and marks staging and image in use with its own timeline
/// value: once that frame is done the upload is too, since the frame waited for it. The staging buffer is released at
/// once after that submission, and destroyed when the GPU is done; a texture replaced by a newer one likewise.</item>
/// </list>
/// Before the first streamed texture arrives the triangle samples a default one, transparent, so the vertex colours
/// show.
/// </summary>
public sealed unsafe partial class StreamedTextures
{
    private const int CommandBuffers = 4; // uploads in flight on the transfer queue before the loader waits
    private const string StagingName = "texture staging";
    private const string ImageName = "streamed texture";
    private const string ViewName = "streamed texture view";

    private readonly VulkanContext _vulkan;
    private readonly ResourceRegistry _registry;
    private readonly ResourceHandle _parent;
    private readonly ResourceHandle<SemaphoreResource> _semaphoreResource;
    private readonly VkSemaphore _semaphore;
    private readonly ResourceHandle<CommandPoolResource> _commandPool;
    private readonly CommandBuffer[] _commandBuffers = new CommandBuffer[CommandBuffers];
    private readonly ResourceHandle<SamplerResource> _samplerResource;
    private readonly ConcurrentQueue<Arrival> _arrivals = new();
    private readonly Lock _uploadLock = new();
    private ulong _signaled; // under _uploadLock
    private int _uploaded;
    private int _inFlight; // reserved, not yet arrived at the frames nor discarded
    private bool _released;

    private readonly record struct Arrival(TextureUpload Upload, ulong Value);

    /// <summary>
    /// Creates under <paramref name="parent"/> the timeline semaphore, a command pool on the transfer family with its
    /// command buffers, the sampler, and uploads the default texture (transparent) on the calling thread.
    /// </summary>
    /// <param name="vulkan">The context whose registry, memory and queues are used.</param>
    /// <param name="parent">The device, or any resource below it.</param>
    /// <param name="size">Width and height of every streamed texture, 1 to 4,096 pixels.</param>
    /// <param name="maxInFlight">How many uploads may be reserved and not yet received by a frame, 1 to 1,024: what
    /// bounds the staging memory and the registry's growth when a loader falls behind.</param>
    public StreamedTextures(VulkanContext vulkan, ResourceHandle parent, uint size = 64, int maxInFlight = 8)
    {
        ArgumentNullException.ThrowIfNull(vulkan);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1u);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 4096u);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxInFlight, 1024);
        MaxInFlight = maxInFlight;
        _vulkan = vulkan;
        _registry = vulkan.Registry;
        _parent = parent;
        Size = size;
        VulkanResources res = vulkan.Resources;
        _semaphoreResource = res.CreateTimelineSemaphore(parent, 0, "texture uploads");
        _semaphore = _registry.Get(_semaphoreResource).Handle;
        _commandPool = res.CreateCommandPool(parent, vulkan.PhysicalDevice.TransferQueueFamily, "texture upload commands");
        for (int i = 0; i < CommandBuffers; i++)
        {
            _commandBuffers[i] = _registry.Get(res.AllocateCommandBuffer(_commandPool, "texture upload")).Handle;
        }

        _samplerResource = res.CreateSampler(parent, Filter.Nearest, "texture sampler");
        Sampler = _registry.Get(_samplerResource).Handle;

        TextureUpload defaultTexture = Reserve();
        defaultTexture.Pixels.Clear();
        Upload(defaultTexture);
        _uploaded = 0; // the default texture is not a streamed one
    }

    /// <summary>Width and height of every texture.</summary>
    public uint Size { get; }

    /// <summary>The most uploads reserved and not yet received by a frame (<see cref="TryReserve"/> says no beyond).</summary>
    public int MaxInFlight { get; }

    /// <summary>Uploads reserved and not yet received by a frame nor discarded (any thread may read it).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Textures uploaded through <see cref="Upload"/> so far (any thread may read it).</summary>
    public int Uploaded => Volatile.Read(ref _uploaded);

    /// <summary>Streamed textures the frames have received and sampled or skipped (owner thread).</summary>
    public int Arrived { get; private set; }

    /// <summary>Streamed textures released again: replaced by a newer one, or at <see cref="Release"/> (owner thread).</summary>
    public int Released { get; private set; }

    /// <summary>The image the frames sample now (the default texture before the first streamed one arrives).</summary>
    public ResourceHandle<ImageResource> Current => _current.Upload.Image;

    /// <summary>The sampler of binding 1 (nearest, clamped).</summary>
    internal Sampler Sampler { get; }

    /// <summary>
    /// Owner thread: creates the staging buffer, the image and its view for one texture, for a loader to fill and
    /// <see cref="Upload"/>; false, with nothing created, when <see cref="MaxInFlight"/> uploads are already on their
    /// way (ask again in a later frame). Allocation-free once the registry's pools have grown.
    /// </summary>
    public bool TryReserve(out TextureUpload upload)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        if (InFlight >= MaxInFlight)
        {
            upload = default;
            return false;
        }

        upload = Reserve();
        return true;
    }

    /// <summary>
    /// Owner thread: <see cref="TryReserve"/>, throwing <see cref="InvalidOperationException"/> when
    /// <see cref="MaxInFlight"/> uploads are already on their way.
    /// </summary>
    public TextureUpload Reserve()
    {
        ObjectDisposedException.ThrowIf(_released, this);
        if (InFlight >= MaxInFlight)
        {
            throw new InvalidOperationException($"{InFlight} texture uploads are in flight, the most allowed (maxInFlight {MaxInFlight}); use TryReserve and ask again in a later frame");
        }

        VulkanResources res = _vulkan.Resources;
        ulong bytes = (ulong)Size * Size * 4;
        BoundBuffer staging = res.CreateBoundBuffer(_parent, bytes, BufferUsageFlags.TransferSrcBit, MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit, StagingName);
        BoundImage image;
        ResourceHandle<ImageViewResource> view;
        try
        {
            image = res.CreateBoundImage2D(_parent, Format.R8G8B8A8Unorm, Size, Size, ImageUsageFlags.TransferDstBit | ImageUsageFlags.SampledBit, ImageName);
            view = res.CreateImageView(image.Image, ViewName);
        }
        catch
        {
            _registry.RequestDestroy(staging.Memory, DestroyMode.Cascade);
            throw;
        }

        Interlocked.Increment(ref _inFlight);
        nint mapped = _registry.Get(staging.Memory).Mapped;
        return new TextureUpload(staging, image, view, mapped, Size, Size);
    }

    /// <summary>Any thread: gives back a reserved upload that will not be uploaded (a loader stopping early).</summary>
    public void Discard(in TextureUpload upload)
    {
        Interlocked.Decrement(ref _inFlight);
        _registry.RequestDestroy(upload.Staging.Memory, DestroyMode.Cascade);
        _registry.RequestDestroy(upload.Target.Memory, DestroyMode.Cascade);
    }

    /// <summary>
    /// Owner thread, after the loader threads have stopped and before the frame loop's last drain: waits (on the CPU)
    /// for the uploads still running, then releases every texture, staging buffer and object of the stream; each goes
    /// once the frames that used it are done.
    /// </summary>
    public void Release()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        WaitForUploads();
        TakeArrivals();
        for (int i = 0; i < _arrivedCount; i++)
        {
            Arrival arrival = _arrived[i];
            _registry.RequestDestroy(arrival.Upload.Staging.Memory, DestroyMode.Cascade);
            if (arrival.Value != _current.Value)
            {
                ReleaseTexture(arrival);
            }
        }

        _arrivedCount = 0;
        if (_replaced.Value != 0)
        {
            ReleaseTexture(_replaced);
        }

        if (_current.Value != 0)
        {
            ReleaseTexture(_current);
        }

        _registry.RequestDestroy(_commandPool, DestroyMode.Cascade);
        _registry.RequestDestroy(_semaphoreResource);
        _registry.RequestDestroy(_samplerResource);
    }

    private void ReleaseTexture(in Arrival texture)
    {
        _registry.RequestDestroy(texture.Upload.Target.Memory, DestroyMode.Cascade);
        if (texture.Value > 1)
        {
            Released++; // value 1 is the default texture
        }
    }

    private void WaitForUploads()
    {
        ulong last;
        lock (_uploadLock)
        {
            last = _signaled;
        }

        VkSemaphore semaphore = _semaphore;
        var wait = new SemaphoreWaitInfo
        {
            SType = StructureType.SemaphoreWaitInfo,
            SemaphoreCount = 1,
            PSemaphores = &semaphore,
            PValues = &last,
        };
        VkCheck.Ok(_vulkan.Api.WaitSemaphores(_vulkan.Device, &wait, ulong.MaxValue), "vkWaitSemaphores");
    }
}
