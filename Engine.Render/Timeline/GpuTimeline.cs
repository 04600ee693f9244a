using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Timeline;

/// <summary>
/// N frames in flight over one queue, one fence per frame slot. Every submission gets the next value
/// of a monotonically increasing timeline; <see cref="Completed"/> is the highest value such that it
/// and every earlier submission are known to be finished, which is what the registry's frame update
/// needs to release resources marked with <c>MarkInUse</c>.
/// </summary>
public sealed unsafe class GpuTimeline
{
    private readonly VulkanContext _vulkan;
    private readonly FrameSlot[] _slots;
    private int _current = -1;
    private bool _submittedThisFrame = true;

    /// <summary>Creates one unsignaled fence per frame slot, registered under <paramref name="parent"/>.</summary>
    /// <param name="vulkan">The context whose registry and device the objects are created with.</param>
    /// <param name="parent">The device, or any resource below it, that the fences are created under.</param>
    /// <param name="framesInFlight">How many submissions may be pending at once; at least 1.</param>
    public GpuTimeline(VulkanContext vulkan, ResourceHandle parent, int framesInFlight = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(framesInFlight, 1);
        _vulkan = vulkan;
        _slots = new FrameSlot[framesInFlight];
        for (int i = 0; i < framesInFlight; i++)
        {
            ResourceHandle<Payloads.FenceResource> fence = vulkan.Resources.CreateFence(parent, signaled: false, name: "frame fence");
            _slots[i] = new FrameSlot { FenceResource = fence, Fence = vulkan.Registry.Get(fence).Handle };
        }
    }

    /// <summary>
    /// The number of frame slots: how many submissions may be pending before <see cref="BeginFrame"/> waits.
    /// </summary>
    public int FramesInFlight => _slots.Length;

    /// <summary>The frame slot of the current frame (valid after <see cref="BeginFrame"/>).</summary>
    public int CurrentSlot => _current;

    /// <summary>The value the next <see cref="Submit(in SubmitInfo)"/> will get; resources recorded for it are marked with it.</summary>
    public ulong NextValue => LastSubmitted + 1;

    /// <summary>The timeline value of the latest submission; 0 before the first.</summary>
    public ulong LastSubmitted { get; private set; }

    /// <summary>
    /// The highest value such that it and every earlier submission are known finished; 0 before any. Advanced by
    /// <see cref="Poll"/>, <see cref="BeginFrame"/> and <see cref="WaitAll"/>.
    /// </summary>
    public ulong Completed { get; private set; }

    /// <summary>
    /// The registered fence of frame slot <paramref name="slot"/> (0 to <see cref="FramesInFlight"/> - 1), e.g. to
    /// release it on shutdown.
    /// </summary>
    public ResourceHandle<Payloads.FenceResource> FenceOf(int slot) => _slots[slot].FenceResource;

    /// <summary>
    /// Moves to the next slot, waiting for that slot's previous submission (this is what bounds the
    /// frames in flight), then polls the other slots. Returns the highest completed value.
    /// </summary>
    public ulong BeginFrame()
    {
        if (!_submittedThisFrame)
        {
            throw new InvalidOperationException("BeginFrame called twice without a Submit in between");
        }

        _current = (_current + 1) % _slots.Length;
        ref FrameSlot slot = ref _slots[_current];
        if (slot.Value > Completed)
        {
            Fence fence = slot.Fence;
            VkCheck.Ok(_vulkan.Api.WaitForFences(_vulkan.Device, 1, &fence, true, ulong.MaxValue), "vkWaitForFences");
        }

        _submittedThisFrame = false;
        return Poll();
    }

    /// <summary>Submits the frame's command buffer under the current slot's fence; returns its timeline value.</summary>
    public ulong Submit(in SubmitInfo submit)
    {
        if (_submittedThisFrame)
        {
            throw new InvalidOperationException("Submit called without BeginFrame");
        }

        ref FrameSlot slot = ref _slots[_current];
        Fence fence = slot.Fence;
        if (slot.Value != 0)
        {
            // Signaled by the submission BeginFrame waited for; it must be unsignaled to be reused.
            VkCheck.Ok(_vulkan.Api.ResetFences(_vulkan.Device, 1, &fence), "vkResetFences");
        }

        fixed (SubmitInfo* pSubmit = &submit)
        {
            using (_vulkan.QueueLock.Hold())
            {
                VkCheck.Ok(_vulkan.Api.QueueSubmit(_vulkan.Queue, 1, pSubmit, fence), "vkQueueSubmit");
            }
        }

        slot.Value = ++LastSubmitted;
        // The fence itself must outlive the submission it guards.
        _vulkan.Registry.MarkInUse(slot.FenceResource, slot.Value);
        _submittedThisFrame = true;
        return slot.Value;
    }

    /// <summary>
    /// The usual frame submission: one command buffer that waits for <paramref name="wait"/> (none when its handle is 0)
    /// at <paramref name="waitStage"/> and signals <paramref name="signal"/>.
    /// </summary>
    public ulong Submit(CommandBuffer commandBuffer, Silk.NET.Vulkan.Semaphore wait, PipelineStageFlags waitStage, Silk.NET.Vulkan.Semaphore signal) =>
        Submit(commandBuffer, wait, waitStage, signal, default);

    /// <summary>
    /// The frame submission that also waits for a timeline semaphore value (<paramref name="timelineWait"/>, none when
    /// its semaphore is 0): a streamed upload the frame is the first to sample.
    /// </summary>
    public ulong Submit(CommandBuffer commandBuffer, Silk.NET.Vulkan.Semaphore wait, PipelineStageFlags waitStage, Silk.NET.Vulkan.Semaphore signal, TimelineWait timelineWait)
    {
        Silk.NET.Vulkan.Semaphore* waits = stackalloc Silk.NET.Vulkan.Semaphore[2];
        PipelineStageFlags* stages = stackalloc PipelineStageFlags[2];
        ulong* values = stackalloc ulong[2];
        uint count = 0;
        if (wait.Handle != 0)
        {
            waits[count] = wait;
            stages[count] = waitStage;
            values[count++] = 0; // a binary semaphore: the value is ignored
        }

        if (timelineWait.Semaphore.Handle != 0)
        {
            waits[count] = timelineWait.Semaphore;
            stages[count] = timelineWait.Stage;
            values[count++] = timelineWait.Value;
        }

        // Needed as soon as one wait is a timeline semaphore; one value per wait.
        var timeline = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            WaitSemaphoreValueCount = count,
            PWaitSemaphoreValues = values,
        };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            PNext = timelineWait.Semaphore.Handle != 0 ? &timeline : null,
            WaitSemaphoreCount = count,
            PWaitSemaphores = waits,
            PWaitDstStageMask = stages,
            CommandBufferCount = 1,
            PCommandBuffers = &commandBuffer,
            SignalSemaphoreCount = 1,
            PSignalSemaphores = &signal,
        };
        return Submit(submit);
    }

    /// <summary>
    /// Advances <see cref="Completed"/> over consecutive finished submissions without blocking. Values
    /// are taken in order so a later fence that signals early never claims an earlier submission done.
    /// </summary>
    public ulong Poll()
    {
        while (Completed < LastSubmitted)
        {
            ulong next = Completed + 1;
            ref FrameSlot slot = ref _slots[(int)((next - 1) % (ulong)_slots.Length)];
            if (slot.Value != next)
            {
                // The slot was reused by a later submission, so its fence already covered this one.
                Completed = next;
                continue;
            }

            Result status = _vulkan.Api.GetFenceStatus(_vulkan.Device, slot.Fence);
            if (status == Result.NotReady)
            {
                break;
            }

            VkCheck.Ok(status, "vkGetFenceStatus");
            Completed = next;
        }

        return Completed;
    }

    /// <summary>Blocks until every submission finished; afterwards <see cref="Completed"/> equals <see cref="LastSubmitted"/>.</summary>
    public ulong WaitAll()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Value > Completed)
            {
                Fence fence = _slots[i].Fence;
                VkCheck.Ok(_vulkan.Api.WaitForFences(_vulkan.Device, 1, &fence, true, ulong.MaxValue), "vkWaitForFences");
            }
        }

        return Poll();
    }
}
