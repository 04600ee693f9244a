using Engine.Render.Offscreen;
using Engine.Render.Timeline;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Frames;

/// <summary>
/// The commands of one frame that do not depend on where the image goes (offscreen target or swapchain): clear the
/// transient scratch image and draw the triangle with the transient buffers and descriptor set. Each use of a
/// registered resource is noted where it is recorded.
/// </summary>
internal static unsafe class TriangleCommands
{
    /// <summary>Resets the frame slot's command buffer (its previous submission has completed) and starts recording.</summary>
    public static void Begin(Vk vk, CommandBuffer cmd)
    {
        VkCheck.Ok(vk.ResetCommandBuffer(cmd, 0), "vkResetCommandBuffer");
        var begin = new CommandBufferBeginInfo
        {
            SType = StructureType.CommandBufferBeginInfo,
            Flags = CommandBufferUsageFlags.OneTimeSubmitBit,
        };
        VkCheck.Ok(vk.BeginCommandBuffer(cmd, &begin), "vkBeginCommandBuffer");
    }

    public static void ClearScratch(Vk vk, CommandBuffer cmd, in TransientResources transients, GpuUseRecorder uses)
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
        uses.Use(transients.Scratch.Image);
    }

    /// <summary>
    /// One render pass into <paramref name="framebuffer"/> of size <paramref name="extent"/>. The caller notes the
    /// framebuffer and its attachments; this notes the pass, the pipeline and the transients it binds.
    /// </summary>
    public static void Draw(Vk vk, ResourceRegistry registry, CommandBuffer cmd, TrianglePipeline pipeline, in TransientResources transients, Framebuffer framebuffer, Extent2D extent, GpuUseRecorder uses)
    {
        var clear = new ClearValue(new ClearColorValue(0.05f, 0.05f, 0.08f, 1f));
        var pass = new RenderPassBeginInfo
        {
            SType = StructureType.RenderPassBeginInfo,
            RenderPass = pipeline.RenderPass,
            Framebuffer = framebuffer,
            RenderArea = new Rect2D(new Offset2D(0, 0), extent),
            ClearValueCount = 1,
            PClearValues = &clear,
        };
        vk.CmdBeginRenderPass(cmd, &pass, SubpassContents.Inline);
        uses.Use(pipeline.RenderPassResource);
        vk.CmdBindPipeline(cmd, PipelineBindPoint.Graphics, pipeline.Pipeline);
        uses.Use(pipeline.PipelineResource);
        var viewport = new Viewport(0, 0, extent.Width, extent.Height, 0, 1);
        vk.CmdSetViewport(cmd, 0, 1, &viewport);
        var scissor = new Rect2D(new Offset2D(0, 0), extent);
        vk.CmdSetScissor(cmd, 0, 1, &scissor);
        Silk.NET.Vulkan.Buffer vertexBuffer = transients.Vertices.RawBuffer;
        ulong offset = 0;
        vk.CmdBindVertexBuffers(cmd, 0, 1, &vertexBuffer, &offset);
        uses.Use(transients.Vertices.Buffer);
        DescriptorSet set = registry.Get(transients.DescriptorSet).Handle;
        vk.CmdBindDescriptorSets(cmd, PipelineBindPoint.Graphics, pipeline.Layout, 0, 1, &set, 0, null);
        uses.Use(transients.DescriptorSet);
        uses.Use(transients.DescriptorPool); // a set is used through its pool
        uses.Use(transients.Uniforms.Buffer); // written into the set
        vk.CmdDraw(cmd, 3, 1, 0, 0);
        vk.CmdEndRenderPass(cmd);
    }
}
