using Engine.Render.Offscreen;
using Engine.Render.Payloads;
using Engine.Render.Streaming;
using Engine.Render.Timeline;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Engine.Render.Frames;

/// <summary>
/// The engine loop without a window: every frame waits for its slot, lets the registry destroy what
/// the GPU has finished with, creates a scope of transient resources, renders a triangle offscreen
/// using them, submits, marks what the submission uses, and releases the scope at once, while the
/// GPU still uses it. Persistent objects follow the seed renderer's tree under the device.
/// </summary>
public sealed unsafe partial class HeadlessFrameLoop
{
    private readonly VulkanContext _vulkan;
    private readonly ResourceRegistry _registry;
    private readonly GpuUseRecorder _uses = new();
    private readonly GpuTimeline _timeline;
    private readonly TrianglePipeline _pipeline;
    private readonly RenderTarget[] _targets;
    private readonly ResourceHandle<CommandPoolResource> _commandPool;
    private readonly ResourceHandle<CommandBufferResource>[] _commandBufferResources;
    private readonly CommandBuffer[] _commandBuffers;
    private readonly ResourceHandle<SemaphoreResource>[] _semaphoreResources;
    private readonly VkSemaphore[] _semaphores;
    private readonly StreamedTextures _textures;
    private BoundBuffer _readback;
    private bool _released;

    /// <summary>
    /// Creates the loop's persistent objects under the context's device: the timeline with one fence per slot, the
    /// triangle pipeline, a command pool, and per slot a render target, a command buffer and a "frame finished"
    /// semaphore.
    /// </summary>
    /// <param name="vulkan">The context whose registry and device the objects are created with.</param>
    /// <param name="options">Target size and frames in flight; the defaults when null.</param>
    public HeadlessFrameLoop(VulkanContext vulkan, FrameLoopOptions? options = null)
    {
        options ??= new FrameLoopOptions();
        _vulkan = vulkan;
        _registry = vulkan.Registry;
        ResourceHandle device = vulkan.DeviceHandle;
        VulkanResources res = vulkan.Resources;
        int slots = options.FramesInFlight;

        _timeline = new GpuTimeline(vulkan, device, slots);
        _pipeline = new TrianglePipeline(vulkan, device, options.Width, options.Height);
        _commandPool = res.CreateCommandPool(device, "frame commands");
        _targets = new RenderTarget[slots];
        _commandBufferResources = new ResourceHandle<CommandBufferResource>[slots];
        _commandBuffers = new CommandBuffer[slots];
        _semaphoreResources = new ResourceHandle<SemaphoreResource>[slots];
        _semaphores = new VkSemaphore[slots];
        for (int i = 0; i < slots; i++)
        {
            _targets[i] = RenderTarget.Create(vulkan, device, _pipeline);
            _commandBufferResources[i] = res.AllocateCommandBuffer(_commandPool, "frame command buffer");
            _commandBuffers[i] = _registry.Get(_commandBufferResources[i]).Handle;
            _semaphoreResources[i] = res.CreateSemaphore(device, "frame finished");
            _semaphores[i] = _registry.Get(_semaphoreResources[i]).Handle;
        }

        _textures = new StreamedTextures(vulkan, device);
    }

    /// <summary>
    /// The per-slot fences and submission values this loop submits through; each frame passes its completed value to
    /// the registry's update.
    /// </summary>
    public GpuTimeline Timeline => _timeline;

    /// <summary>
    /// The triangle pass's persistent objects (render pass, layouts, shaders, pipeline), sized to the options.
    /// </summary>
    public TrianglePipeline Pipeline => _pipeline;

    /// <summary>The textures the triangle samples: a loader thread streams new ones through it.</summary>
    public StreamedTextures Textures => _textures;

    /// <summary>Frames rendered so far.</summary>
    public long Frame { get; private set; }

    /// <summary>The transient resources of the last frame (already released, possibly still waiting for the GPU).</summary>
    public TransientResources LastTransients { get; private set; }

    /// <summary>Renders one frame; with <paramref name="capture"/> its image is also copied out for <see cref="ReadCapturedPixels"/>.</summary>
    public FrameResult RenderFrame(bool capture = false)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        ulong completed = _timeline.BeginFrame();
        // Destroys every released resource whose last submission has finished.
        UpdateResult update = _registry.Update(completed);
        _vulkan.Memory.ReleaseEmptyBlocks();
        _textures.BeginFrame();

        int slot = _timeline.CurrentSlot;
        ulong value = _timeline.NextValue;
        Frame++;
        TransientResources transients = TransientResources.Create(_vulkan, _pipeline, _textures, Frame);
        LastTransients = transients;
        if (capture)
        {
            EnsureReadbackBuffer();
        }

        Record(slot, transients, capture);
        MarkInUse(slot, value);
        Submit(slot);
        _textures.OnSubmitted();

        // Released while the GPU still uses it: the registry keeps it until `value` completes.
        _registry.RequestDestroy(transients.Scope, DestroyMode.Cascade);
        return new FrameResult(Frame, value, completed, update, TransientResources.Count, _registry.Count);
    }

    /// <summary>Waits for the captured frame and returns its RGBA8 pixels, row by row.</summary>
    public byte[] ReadCapturedPixels()
    {
        if (_readback.Memory.IsNull)
        {
            throw new InvalidOperationException("no frame was rendered with capture: true");
        }

        _timeline.WaitAll();
        var pixels = new byte[_pipeline.Width * _pipeline.Height * 4];
        _vulkan.Resources.Download(_readback.Memory, pixels);
        return pixels;
    }

    /// <summary>Waits for all frames and lets the registry destroy everything they released.</summary>
    public UpdateResult Drain()
    {
        return _registry.Update(_timeline.WaitAll());
    }

    /// <summary>
    /// Releases every persistent object this loop created, the way an engine would on shutdown;
    /// the registry destroys them once the GPU is done, children first.
    /// </summary>
    public void Release()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        _textures.Release();
        _registry.RequestDestroy(_commandPool, DestroyMode.Cascade);
        for (int i = 0; i < _targets.Length; i++)
        {
            _registry.RequestDestroy(_targets[i].Color.Memory, DestroyMode.Cascade);
            _registry.RequestDestroy(_semaphoreResources[i]);
            _registry.RequestDestroy(_timeline.FenceOf(i));
        }

        _pipeline.Release(_registry);
        if (!_readback.Memory.IsNull)
        {
            _registry.RequestDestroy(_readback.Memory, DestroyMode.Cascade);
        }
    }

    private void EnsureReadbackBuffer()
    {
        if (_readback.Memory.IsNull)
        {
            ulong bytes = (ulong)_pipeline.Width * _pipeline.Height * 4;
            _readback = _vulkan.Resources.CreateBoundBuffer(
                _vulkan.DeviceHandle, bytes, BufferUsageFlags.TransferDstBit,
                MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit, "readback");
        }
    }

    /// <summary>At submit: the semaphores the submission waits on and signals, then everything the recording noted.</summary>
    private void MarkInUse(int slot, ulong value)
    {
        _uses.Use(_semaphoreResources[slot]);
        if (Frame > 1)
        {
            _uses.Use(_semaphoreResources[PreviousSlot(slot)]);
        }

        _uses.MarkAll(_registry, value);
    }

    private int PreviousSlot(int slot) => (slot + _targets.Length - 1) % _targets.Length;

    /// <summary>
    /// Chains frames: each waits for the previous one's semaphore, the way a presenting engine would, and for the
    /// newest texture upload that arrived, if any.
    /// </summary>
    private void Submit(int slot) =>
        _timeline.Submit(_commandBuffers[slot], Frame > 1 ? _semaphores[PreviousSlot(slot)] : default, PipelineStageFlags.ColorAttachmentOutputBit, _semaphores[slot], _textures.Wait);
}
