using Silk.NET.Vulkan;

namespace Engine.Render.Streaming;

/// <summary>
/// The image barriers of an upload. On the transfer queue: UNDEFINED → TRANSFER_DST before the copy, then TRANSFER_DST
/// → SHADER_READ_ONLY after it. When the transfer queue is of another family, that second barrier is the
/// <i>release</i> half of a queue-family ownership transfer and the graphics queue records the matching <i>acquire</i>
/// (same layouts, same families) before the first draw that samples the image; with one family there is no transfer
/// and no acquire. Either way the copy's writes reach the fragment shader through the timeline semaphore the upload
/// signals and the frame waits for at <see cref="SampleStage"/>: a semaphore signal makes every earlier write
/// available, its wait makes them visible to the waiting stage.
/// </summary>
internal static class OwnershipBarriers
{
    /// <summary>Where the frame waits for the upload's timeline value, and where the acquire barrier chains to it.</summary>
    public const PipelineStageFlags SampleStage = PipelineStageFlags.FragmentShaderBit;

    private static readonly ImageSubresourceRange Whole = new(ImageAspectFlags.ColorBit, 0, 1, 0, 1);

    /// <summary>Before the copy: the new image's contents are undefined and about to be written.</summary>
    public static ImageMemoryBarrier ToTransferDestination(Image image) => new()
    {
        SType = StructureType.ImageMemoryBarrier,
        SrcAccessMask = 0,
        DstAccessMask = AccessFlags.TransferWriteBit,
        OldLayout = ImageLayout.Undefined,
        NewLayout = ImageLayout.TransferDstOptimal,
        SrcQueueFamilyIndex = Vk.QueueFamilyIgnored,
        DstQueueFamilyIndex = Vk.QueueFamilyIgnored,
        Image = image,
        SubresourceRange = Whole,
    };

    /// <summary>
    /// After the copy, on the transfer queue (stages TRANSFER → BOTTOM_OF_PIPE): the layout change for sampling, and the
    /// release to <paramref name="graphicsFamily"/> when the families differ. Its destination access is empty: a release
    /// ignores it, and without a transfer the semaphore carries visibility.
    /// </summary>
    public static ImageMemoryBarrier Release(Image image, uint transferFamily, uint graphicsFamily)
    {
        bool transfer = transferFamily != graphicsFamily;
        return new ImageMemoryBarrier
        {
            SType = StructureType.ImageMemoryBarrier,
            SrcAccessMask = AccessFlags.TransferWriteBit,
            DstAccessMask = 0,
            OldLayout = ImageLayout.TransferDstOptimal,
            NewLayout = ImageLayout.ShaderReadOnlyOptimal,
            SrcQueueFamilyIndex = transfer ? transferFamily : Vk.QueueFamilyIgnored,
            DstQueueFamilyIndex = transfer ? graphicsFamily : Vk.QueueFamilyIgnored,
            Image = image,
            SubresourceRange = Whole,
        };
    }

    /// <summary>
    /// On the graphics queue, only when the families differ (stages <see cref="SampleStage"/> → <see cref="SampleStage"/>,
    /// so it chains to the semaphore wait): takes ownership, repeating the release's layouts, and makes the image
    /// readable by the fragment shader. Its source access is ignored by an acquire.
    /// </summary>
    public static ImageMemoryBarrier Acquire(Image image, uint transferFamily, uint graphicsFamily) => new()
    {
        SType = StructureType.ImageMemoryBarrier,
        SrcAccessMask = 0,
        DstAccessMask = AccessFlags.ShaderReadBit,
        OldLayout = ImageLayout.TransferDstOptimal,
        NewLayout = ImageLayout.ShaderReadOnlyOptimal,
        SrcQueueFamilyIndex = transferFamily,
        DstQueueFamilyIndex = graphicsFamily,
        Image = image,
        SubresourceRange = Whole,
    };
}
