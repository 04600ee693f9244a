using Engine.Render.Memory;
using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>A 2D optimal-tiling image bound to a range of an image memory block (<see cref="GpuMemory"/>): the
    /// range's allocation under the parent, the image under the allocation.</summary>
    public BoundImage CreateBoundImage2D(ResourceHandle parent, Format format, uint width, uint height, ImageUsageFlags usage, string? name = null)
    {
        // The checks of what is created last, below the allocation: the allocation itself needs no ancestor.
        Registry.EnsureCanCreate<ImageResource>(parent, name);
        var extent = new Extent3D(width, height, 1);
        var info = new ImageCreateInfo
        {
            SType = StructureType.ImageCreateInfo,
            ImageType = ImageType.Type2D,
            Format = format,
            Extent = extent,
            MipLevels = 1,
            ArrayLayers = 1,
            Samples = SampleCountFlags.Count1Bit,
            Tiling = ImageTiling.Optimal,
            Usage = usage,
            SharingMode = SharingMode.Exclusive,
            InitialLayout = ImageLayout.Undefined,
        };
        Image raw;
        VkCheck.Ok(Api.CreateImage(Device, &info, null, &raw), "vkCreateImage");
        MemoryRequirements requirements;
        Api.GetImageMemoryRequirements(Device, raw, &requirements);
        ResourceHandle<MemoryAllocationResource> memory;
        try
        {
            memory = _context.Memory.Allocate(parent, requirements, MemoryPropertyFlags.DeviceLocalBit, forOptimalImage: true, name);
        }
        catch
        {
            Api.DestroyImage(Device, raw, null);
            throw;
        }

        ResourceHandle<ImageResource> image = Register(new ImageResource(raw, format, extent), memory, name, ObjectType.Image, raw.Handle);
        ref MemoryAllocationResource range = ref Registry.Get(memory);
        VkCheck.Ok(Api.BindImageMemory(Device, raw, range.Memory, range.Offset), "vkBindImageMemory");
        return new BoundImage(memory, image, raw);
    }

    /// <summary>A color view of the whole image, registered as the image's child.</summary>
    public ResourceHandle<ImageViewResource> CreateImageView(ResourceHandle<ImageResource> image, string? name = null)
    {
        Registry.EnsureCanCreate<ImageViewResource>(image, name);
        ref ImageResource payload = ref Registry.Get(image);
        var info = new ImageViewCreateInfo
        {
            SType = StructureType.ImageViewCreateInfo,
            Image = payload.Handle,
            ViewType = ImageViewType.Type2D,
            Format = payload.Format,
            SubresourceRange = new ImageSubresourceRange(ImageAspectFlags.ColorBit, 0, 1, 0, 1),
        };
        ImageView view;
        VkCheck.Ok(Api.CreateImageView(Device, &info, null, &view), "vkCreateImageView");
        return Register(new ImageViewResource(view), image, name, ObjectType.ImageView, view.Handle);
    }

    /// <summary>
    /// A sampler using <paramref name="filter"/> for magnification and minification, nearest mipmap mode and
    /// clamp-to-edge addressing (vkCreateSampler), registered under <paramref name="parent"/>.
    /// </summary>
    public ResourceHandle<SamplerResource> CreateSampler(ResourceHandle parent, Filter filter, string? name = null)
    {
        Registry.EnsureCanCreate<SamplerResource>(parent, name);
        var info = new SamplerCreateInfo
        {
            SType = StructureType.SamplerCreateInfo,
            MagFilter = filter,
            MinFilter = filter,
            MipmapMode = SamplerMipmapMode.Nearest,
            AddressModeU = SamplerAddressMode.ClampToEdge,
            AddressModeV = SamplerAddressMode.ClampToEdge,
            AddressModeW = SamplerAddressMode.ClampToEdge,
            MaxLod = 1f,
        };
        Sampler sampler;
        VkCheck.Ok(Api.CreateSampler(Device, &info, null, &sampler), "vkCreateSampler");
        return Register(new SamplerResource(sampler), parent, name, ObjectType.Sampler, sampler.Handle);
    }
}
