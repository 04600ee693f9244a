using Serilog;

namespace Engine.Render.Vulkan;

/// <summary>How a <see cref="VulkanContext"/> is created.</summary>
public sealed record VulkanContextOptions
{
    /// <summary>The application and engine name given to vkCreateInstance.</summary>
    public string ApplicationName { get; init; } = "Engine";

    /// <summary>Whether VK_LAYER_KHRONOS_validation is loaded; by default only when it is installed.</summary>
    public ValidationMode Validation { get; init; } = ValidationMode.IfAvailable;

    /// <summary>Logs the device choice, a missing validation layer and all debug-utils messages; null: none.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Enables presentation to an X11 window: VK_KHR_surface and VK_KHR_xlib_surface on the instance, VK_KHR_swapchain on
    /// the device. <see cref="VulkanContext.Create"/> throws <see cref="VulkanUnavailableException"/> when the driver
    /// lacks them.
    /// </summary>
    public bool Presentation { get; init; }

    /// <summary>
    /// Whether objects created below a frame scope (per-frame transients) are also named in Vulkan
    /// (vkSetDebugUtilsObjectNameEXT). Off by default: the validation layer keeps every name it was given, about 100
    /// bytes per object for the life of the device, so naming ten transients a frame grows memory without bound. They
    /// are always named in the registry (logs, snapshots, resdump). Turn on to see transient names in validation
    /// messages.
    /// </summary>
    public bool NameTransientObjects { get; init; }

    /// <summary>Bytes of a GPU memory block that buffers and images are carved from (<see cref="Memory.GpuMemory"/>);
    /// 64 MiB by default, at least 64 KiB. A heap smaller than eight blocks gets blocks of an eighth of it.</summary>
    public ulong MemoryBlockSize
    {
        get => _memoryBlockSize;
        init => _memoryBlockSize = value >= 64 * 1024 ? value
            : throw new ArgumentOutOfRangeException(nameof(MemoryBlockSize), value, "a memory block is 65,536 bytes or more");
    }

    /// <summary>Frames a memory block stays allocated with nothing in it before it is freed, 0 to 1,000,000 (default
    /// 60): a block emptied for a moment is not freed only to be allocated again.</summary>
    public int EmptyBlockFrames
    {
        get => _emptyBlockFrames;
        init => _emptyBlockFrames = value is >= 0 and <= 1_000_000 ? value
            : throw new ArgumentOutOfRangeException(nameof(EmptyBlockFrames), value, "0 to 1,000,000 frames");
    }

    private readonly ulong _memoryBlockSize = 64UL << 20;
    private readonly int _emptyBlockFrames = 60;
}
