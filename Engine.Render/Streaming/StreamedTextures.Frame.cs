using Engine.Render.Timeline;
using Silk.NET.Vulkan;

namespace Engine.Render.Streaming;

/// <summary>The frame loop's side, on the owner thread, allocation-free once the arrival list has grown.</summary>
public sealed unsafe partial class StreamedTextures
{
    private Arrival[] _arrived = new Arrival[8]; // uploads that reached the frames since the last submission
    private int _arrivedCount;
    private Arrival _current;   // sampled by the frames; Value 0 before the default texture arrives
    private Arrival _replaced;  // the previous current, released after this frame's submission
    private ulong _waitValue;
    private bool _acquired = true;

    /// <summary>The view the frame's descriptor set points binding 1 at.</summary>
    internal ImageView CurrentView => _registry.Get(_current.Upload.View).Handle;

    /// <summary>
    /// The semaphore value this frame's submission must wait for before its fragment shader runs: the newest upload
    /// that arrived since the last submission; nothing when none did.
    /// </summary>
    internal TimelineWait Wait => _arrivedCount > 0 ? new TimelineWait(_semaphore, _waitValue, OwnershipBarriers.SampleStage) : default;

    /// <summary>Takes the uploads that arrived; the newest becomes the texture the frame samples.</summary>
    internal void BeginFrame()
    {
        TakeArrivals();
        if (_arrivedCount == 0)
        {
            return;
        }

        Arrival newest = _current;
        _waitValue = 0;
        for (int i = 0; i < _arrivedCount; i++)
        {
            Arrival arrival = _arrived[i];
            _waitValue = Math.Max(_waitValue, arrival.Value);
            if (arrival.Value > 1)
            {
                Arrived++;
            }

            if (arrival.Value > newest.Value)
            {
                newest = arrival; // two loaders may hand uploads over out of order
            }
        }

        if (newest.Value != _current.Value)
        {
            _replaced = _current;
            _current = newest;
            _acquired = !_vulkan.PhysicalDevice.HasDedicatedTransferFamily;
        }
    }

    /// <summary>
    /// Before the frame's draw: the acquire half of the ownership transfer for a texture sampled for the first time
    /// (families differ only), and the frame's uses: the texture, its view, the sampler, and everything whose upload
    /// the frame waits for (that frame's completion implies the upload's).
    /// </summary>
    internal void Record(Vk vk, CommandBuffer cmd, GpuUseRecorder uses)
    {
        if (!_acquired)
        {
            ImageMemoryBarrier acquire = OwnershipBarriers.Acquire(_current.Upload.Target.RawImage, _vulkan.PhysicalDevice.TransferQueueFamily, _vulkan.PhysicalDevice.QueueFamily);
            vk.CmdPipelineBarrier(cmd, OwnershipBarriers.SampleStage, OwnershipBarriers.SampleStage, 0, 0, null, 0, null, 1, &acquire);
            _acquired = true;
        }

        uses.Use(_current.Upload.Target.Image);
        uses.Use(_current.Upload.View);
        uses.Use(_samplerResource);
        if (_arrivedCount > 0)
        {
            uses.Use(_semaphoreResource);
            for (int i = 0; i < _arrivedCount; i++)
            {
                uses.Use(_arrived[i].Upload.Staging.Buffer);
                uses.Use(_arrived[i].Upload.Target.Image);
            }
        }
    }

    /// <summary>
    /// After the frame's submission (its uses marked): the staging buffers it waited for are released at once, and so
    /// are textures it skipped or replaced; the registry destroys each when that submission is done.
    /// </summary>
    internal void OnSubmitted()
    {
        for (int i = 0; i < _arrivedCount; i++)
        {
            Arrival arrival = _arrived[i];
            _registry.RequestDestroy(arrival.Upload.Staging.Memory, Engine.Resources.DestroyMode.Cascade);
            if (arrival.Value != _current.Value)
            {
                ReleaseTexture(arrival);
            }
        }

        _arrivedCount = 0;
        if (_replaced.Value != 0)
        {
            ReleaseTexture(_replaced);
            _replaced = default;
        }
    }

    private void TakeArrivals()
    {
        while (_arrivals.TryDequeue(out Arrival arrival))
        {
            Interlocked.Decrement(ref _inFlight);
            if (_arrivedCount == _arrived.Length)
            {
                Array.Resize(ref _arrived, _arrived.Length * 2);
            }

            _arrived[_arrivedCount++] = arrival;
        }
    }
}
