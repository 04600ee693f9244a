using Engine.Render.Vulkan;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Engine.Render.Streaming;

public sealed unsafe partial class StreamedTextures
{
    /// <summary>
    /// Any thread (a loader; calls are serialised): records the copy of <paramref name="upload"/>'s pixels into its
    /// image with the layout transitions, submits it to the transfer queue (under
    /// <see cref="VulkanContext.TransferQueueLock"/>, the graphics queue's own lock when both are one queue), signalling
    /// the next timeline value, and hands it to the frames. Waits on the CPU only when
    /// every upload command buffer is still in flight.
    /// </summary>
    public void Upload(in TextureUpload upload)
    {
        if (upload.Pixels.IsEmpty)
        {
            throw new ArgumentException("the upload was not reserved with StreamedTextures.Reserve", nameof(upload));
        }

        ObjectDisposedException.ThrowIf(_released, this);
        ulong value;
        lock (_uploadLock)
        {
            value = _signaled + 1;
            CommandBuffer cmd = _commandBuffers[(int)(value % CommandBuffers)];
            if (value > CommandBuffers)
            {
                WaitFor(value - CommandBuffers); // the last submission of this command buffer
            }

            Record(cmd, upload);
            Submit(cmd, value);
            _signaled = value;
        }

        _arrivals.Enqueue(new Arrival(upload, value));
        Interlocked.Increment(ref _uploaded);
    }

    private void Record(CommandBuffer cmd, in TextureUpload upload)
    {
        Vk vk = _vulkan.Api;
        VkCheck.Ok(vk.ResetCommandBuffer(cmd, 0), "vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
        VkCheck.Ok(vk.BeginCommandBuffer(cmd, &begin), "vkBeginCommandBuffer");
        Image image = upload.Target.RawImage;
        ImageMemoryBarrier toCopy = OwnershipBarriers.ToTransferDestination(image);
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TopOfPipeBit, PipelineStageFlags.TransferBit, 0, 0, null, 0, null, 1, &toCopy);
        var region = new BufferImageCopy
        {
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageExtent = new Extent3D(upload.Width, upload.Height, 1),
        };
        vk.CmdCopyBufferToImage(cmd, upload.Staging.RawBuffer, image, ImageLayout.TransferDstOptimal, 1, &region);
        ImageMemoryBarrier release = OwnershipBarriers.Release(image, _vulkan.PhysicalDevice.TransferQueueFamily, _vulkan.PhysicalDevice.QueueFamily);
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.BottomOfPipeBit, 0, 0, null, 0, null, 1, &release);
        VkCheck.Ok(vk.EndCommandBuffer(cmd), "vkEndCommandBuffer");
    }

    private void Submit(CommandBuffer cmd, ulong value)
    {
        VkSemaphore signal = _semaphore;
        var timeline = new TimelineSemaphoreSubmitInfo
        {
            SType = StructureType.TimelineSemaphoreSubmitInfo,
            SignalSemaphoreValueCount = 1,
            PSignalSemaphoreValues = &value,
        };
        var submit = new SubmitInfo
        {
            SType = StructureType.SubmitInfo,
            PNext = &timeline,
            CommandBufferCount = 1,
            PCommandBuffers = &cmd,
            SignalSemaphoreCount = 1,
            PSignalSemaphores = &signal,
        };
        using (_vulkan.TransferQueueLock.Hold())
        {
            VkCheck.Ok(_vulkan.Api.QueueSubmit(_vulkan.TransferQueue, 1, &submit, default), "vkQueueSubmit (texture upload)");
        }
    }

    /// <summary>Blocks until the timeline semaphore reaches <paramref name="value"/>.</summary>
    private void WaitFor(ulong value)
    {
        VkSemaphore semaphore = _semaphore;
        var wait = new SemaphoreWaitInfo
        {
            SType = StructureType.SemaphoreWaitInfo,
            SemaphoreCount = 1,
            PSemaphores = &semaphore,
            PValues = &value,
        };
        VkCheck.Ok(_vulkan.Api.WaitSemaphores(_vulkan.Device, &wait, ulong.MaxValue), "vkWaitSemaphores");
    }
}
