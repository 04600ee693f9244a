using Engine.Render.Vulkan;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Engine.Render.Presentation;

/// <summary>VK_KHR_swapchain entry points, loaded by name through vkGetDeviceProcAddr.</summary>
public sealed unsafe class SwapchainFunctions
{
    /// <summary>
    /// Name of the device extension VK_KHR_swapchain, enabled by <see cref="VulkanBootstrap.CreateDevice"/> for
    /// presentation.
    /// </summary>
    public const string Extension = "VK_KHR_swapchain";

    private readonly delegate* unmanaged[Cdecl]<Device, SwapchainCreateInfoKHR*, AllocationCallbacks*, SwapchainKHR*, Result> _create;
    private readonly delegate* unmanaged[Cdecl]<Device, SwapchainKHR, AllocationCallbacks*, void> _destroy;
    private readonly delegate* unmanaged[Cdecl]<Device, SwapchainKHR, uint*, Image*, Result> _images;
    private readonly delegate* unmanaged[Cdecl]<Device, SwapchainKHR, ulong, VkSemaphore, Fence, uint*, Result> _acquire;
    private readonly delegate* unmanaged[Cdecl]<Queue, PresentInfoKHR*, Result> _present;

    private SwapchainFunctions(Vk vk, Device device)
    {
        nint Get(string name)
        {
            nint address = (nint)vk.GetDeviceProcAddr(device, name).Handle;
            return address != 0 ? address : throw new InvalidOperationException($"{name} is not exported; was the device created with {Extension}?");
        }

        _create = (delegate* unmanaged[Cdecl]<Device, SwapchainCreateInfoKHR*, AllocationCallbacks*, SwapchainKHR*, Result>)Get("vkCreateSwapchainKHR");
        _destroy = (delegate* unmanaged[Cdecl]<Device, SwapchainKHR, AllocationCallbacks*, void>)Get("vkDestroySwapchainKHR");
        _images = (delegate* unmanaged[Cdecl]<Device, SwapchainKHR, uint*, Image*, Result>)Get("vkGetSwapchainImagesKHR");
        _acquire = (delegate* unmanaged[Cdecl]<Device, SwapchainKHR, ulong, VkSemaphore, Fence, uint*, Result>)Get("vkAcquireNextImageKHR");
        _present = (delegate* unmanaged[Cdecl]<Queue, PresentInfoKHR*, Result>)Get("vkQueuePresentKHR");
    }

    /// <summary>
    /// Loads the functions from <paramref name="device"/>; throws <see cref="InvalidOperationException"/> when the
    /// device was created without VK_KHR_swapchain.
    /// </summary>
    public static SwapchainFunctions Load(Vk vk, Device device) => new(vk, device);

    /// <summary>
    /// Creates a swapchain (vkCreateSwapchainKHR) and returns the raw result without throwing;
    /// <paramref name="swapchain"/> is meaningful only when that result is SUCCESS.
    /// </summary>
    public Result Create(Device device, in SwapchainCreateInfoKHR info, out SwapchainKHR swapchain)
    {
        SwapchainKHR created;
        Result result;
        fixed (SwapchainCreateInfoKHR* p = &info)
        {
            result = _create(device, p, null, &created);
        }

        swapchain = created;
        return result;
    }

    /// <summary>
    /// Destroys <paramref name="swapchain"/> and its images (vkDestroySwapchainKHR); views of them must go first.
    /// </summary>
    public void Destroy(Device device, SwapchainKHR swapchain) => _destroy(device, swapchain, null);

    /// <summary>
    /// The swapchain's presentable images (vkGetSwapchainImagesKHR), owned by the swapchain: never destroy them.
    /// Throws <see cref="VulkanException"/> when the query fails.
    /// </summary>
    public Image[] Images(Device device, SwapchainKHR swapchain)
    {
        uint count = 0;
        VkCheck.Ok(_images(device, swapchain, &count, null), "vkGetSwapchainImagesKHR");
        var images = new Image[count];
        fixed (Image* p = images)
        {
            VkCheck.Ok(_images(device, swapchain, &count, p), "vkGetSwapchainImagesKHR");
        }

        return images[..(int)count];
    }

    /// <summary>Returns the raw result: SUBOPTIMAL and OUT_OF_DATE are for the caller to act on.</summary>
    public Result Acquire(Device device, SwapchainKHR swapchain, VkSemaphore signal, out uint imageIndex)
    {
        uint index;
        Result result = _acquire(device, swapchain, ulong.MaxValue, signal, default, &index);
        imageIndex = index;
        return result;
    }

    /// <summary>Returns the raw result: SUBOPTIMAL and OUT_OF_DATE are for the caller to act on.</summary>
    public Result Present(Queue queue, in PresentInfoKHR info)
    {
        fixed (PresentInfoKHR* p = &info)
        {
            return _present(queue, p);
        }
    }
}
