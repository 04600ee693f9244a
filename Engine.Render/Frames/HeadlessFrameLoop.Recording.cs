using Engine.Render.Offscreen;
using Engine.Render.Vulkan;
using Silk.NET.Vulkan;

namespace Engine.Render.Frames;

public sealed unsafe partial class HeadlessFrameLoop
{
    private void Record(int slot, in TransientResources transients, bool capture)
    {
        Vk vk = _vulkan.Api;
        CommandBuffer cmd = _commandBuffers[slot];
        _uses.Use(_commandBufferResources[slot]);
        TriangleCommands.Begin(vk, cmd);

        TriangleCommands.ClearScratch(vk, cmd, transients, _uses);
        _textures.Record(vk, cmd, _uses);
        RenderTarget target = _targets[slot];
        TriangleCommands.Draw(vk, _registry, cmd, _pipeline, transients, target.Framebuffer, new Extent2D(_pipeline.Width, _pipeline.Height), _uses);
        _uses.Use(target.FramebufferResource);
        _uses.Use(target.View);
        _uses.Use(target.Color.Image);
        if (capture)
        {
            CopyToReadback(vk, cmd, slot);
        }

        VkCheck.Ok(vk.EndCommandBuffer(cmd), "vkEndCommandBuffer");
    }

    private void CopyToReadback(Vk vk, CommandBuffer cmd, int slot)
    {
        // The render pass left the image in TRANSFER_SRC_OPTIMAL, with its exit dependency covering this copy.
        var region = new BufferImageCopy
        {
            BufferOffset = 0,
            BufferRowLength = 0,
            BufferImageHeight = 0,
            ImageSubresource = new ImageSubresourceLayers(ImageAspectFlags.ColorBit, 0, 0, 1),
            ImageOffset = new Offset3D(0, 0, 0),
            ImageExtent = new Extent3D(_pipeline.Width, _pipeline.Height, 1),
        };
        vk.CmdCopyImageToBuffer(cmd, _targets[slot].Color.RawImage, ImageLayout.TransferSrcOptimal, _readback.RawBuffer, 1, &region);
        _uses.Use(_readback.Buffer);
        // Make the copy visible to the host read that follows the fence wait.
        var barrier = new BufferMemoryBarrier
        {
            SType = StructureType.BufferMemoryBarrier,
            SrcAccessMask = AccessFlags.TransferWriteBit,
            DstAccessMask = AccessFlags.HostReadBit,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Buffer = _readback.RawBuffer,
            Offset = 0,
            Size = Vk.WholeSize,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TransferBit, PipelineStageFlags.HostBit, 0, 0, null, 1, &barrier, 0, null);
    }
}
