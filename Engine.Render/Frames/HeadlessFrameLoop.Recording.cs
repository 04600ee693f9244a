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
        VkCheck.Ok(vk.ResetCommandBuffer(cmd, 0), "vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo
        {
            SType = StructureType.CommandBufferBeginInfo,
            Flags = CommandBufferUsageFlags.OneTimeSubmitBit,
        };
        VkCheck.Ok(vk.BeginCommandBuffer(cmd, &begin), "vkBeginCommandBuffer");

        ClearScratch(vk, cmd, transients);
        DrawTriangle(vk, cmd, slot, transients);
        if (capture)
        {
            CopyToReadback(vk, cmd, slot);
        }

        VkCheck.Ok(vk.EndCommandBuffer(cmd), "vkEndCommandBuffer");
    }

    private void ClearScratch(Vk vk, CommandBuffer cmd, in TransientResources transients)
    {
        var range = new ImageSubresourceRange(ImageAspectFlags.ColorBit, 0, 1, 0, 1);
        var barrier = new ImageMemoryBarrier
        {
            SType = StructureType.ImageMemoryBarrier,
            SrcAccessMask = 0,
            DstAccessMask = AccessFlags.TransferWriteBit,
            OldLayout = ImageLayout.Undefined,
            NewLayout = ImageLayout.TransferDstOptimal,
            SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
            Image = transients.Scratch.RawImage,
            SubresourceRange = range,
        };
        vk.CmdPipelineBarrier(cmd, PipelineStageFlags.TopOfPipeBit, PipelineStageFlags.TransferBit, 0, 0, null, 0, null, 1, &barrier);
        var color = new ClearColorValue(0.2f, 0.4f, 0.6f, 1f);
        vk.CmdClearColorImage(cmd, transients.Scratch.RawImage, ImageLayout.TransferDstOptimal, &color, 1, &range);
        _uses.Use(transients.Scratch.Image);
    }

    private void DrawTriangle(Vk vk, CommandBuffer cmd, int slot, in TransientResources transients)
    {
        var clear = new ClearValue(new ClearColorValue(0.05f, 0.05f, 0.08f, 1f));
        var pass = new RenderPassBeginInfo
        {
            SType = StructureType.RenderPassBeginInfo,
            RenderPass = _pipeline.RenderPass,
            Framebuffer = _targets[slot].Framebuffer,
            RenderArea = new Rect2D(new Offset2D(0, 0), new Extent2D(_pipeline.Width, _pipeline.Height)),
            ClearValueCount = 1,
            PClearValues = &clear,
        };
        vk.CmdBeginRenderPass(cmd, &pass, SubpassContents.Inline);
        RenderTarget target = _targets[slot];
        _uses.Use(_pipeline.RenderPassResource);
        _uses.Use(target.FramebufferResource);
        _uses.Use(target.View);
        _uses.Use(target.Color.Image);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, _pipeline.Pipeline);
        _uses.Use(_pipeline.PipelineResource);
        Silk.NET.Vulkan.Buffer vertexBuffer = transients.Vertices.RawBuffer;
        ulong offset = 0;
        vk.CmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &offset);
        _uses.Use(transients.Vertices.Buffer);
        DescriptorSet set = _registry.Get(transients.DescriptorSet).Handle;
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Graphics, _pipeline.Layout, 0, 1, &set, 0, null);
        _uses.Use(transients.DescriptorSet);
        _uses.Use(transients.DescriptorPool); // a set is used through its pool
        _uses.Use(transients.Uniforms.Buffer); // written into the set
        vk.CmdDraw(cmd, 3, 1, 0, 0);
        vk.CmdEndRenderPass(cmd);
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
