using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Offscreen;

/// <summary>
/// One frame slot's colour target: memory → image → view → framebuffer, each the child of the
/// previous, so the tree itself states the order Vulkan needs.
/// </summary>
public readonly record struct RenderTarget(
    BoundImage Color,
    ResourceHandle<ImageViewResource> View,
    ResourceHandle<FramebufferResource> FramebufferResource,
    Framebuffer Framebuffer)
{
    /// <summary>
    /// Creates a target of the pipeline's size: device-local memory under <paramref name="parent"/>, a
    /// <see cref="TrianglePipeline.ColorFormat"/> image bound to it (colour attachment and transfer source), a view of
    /// the image and a framebuffer of that view for the pipeline's render pass.
    /// </summary>
    /// <param name="vulkan">The context whose registry and device the objects are created with.</param>
    /// <param name="pipeline">The pass the framebuffer is made for; its size and format are the target's.</param>
    /// <param name="parent">The device, or any resource below it, that the memory is created under.</param>
    public static unsafe RenderTarget Create(VulkanContext vulkan, ResourceHandle parent, TrianglePipeline pipeline)
    {
        VulkanResources res = vulkan.Resources;
        BoundImage color = res.CreateBoundImage2D(
            parent, TrianglePipeline.ColorFormat, pipeline.Width, pipeline.Height,
            ImageUsageFlags.ColorAttachmentBit | ImageUsageFlags.TransferSrcBit, "color target");
        ResourceHandle<ImageViewResource> view = res.CreateImageView(color.Image, "color target view");
        ResourceHandle<FramebufferResource> framebuffer = res.CreateFramebuffer(view, pipeline.RenderPass, new Extent2D(pipeline.Width, pipeline.Height), "color framebuffer");
        return new RenderTarget(color, view, framebuffer, vulkan.Registry.Get(framebuffer).Handle);
    }
}
