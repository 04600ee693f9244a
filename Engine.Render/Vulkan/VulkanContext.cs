using Engine.Render.Memory;
using Engine.Render.Payloads;
using Engine.Resources;
using Serilog;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>
/// The Vulkan instance, device and queue, registered in a <see cref="ResourceRegistry"/>:
/// instance (root) → { debug messenger, device }. Everything created through <see cref="Resources"/>
/// hangs below the device, so disposing the registry tears the whole tree down children-first and
/// destroys the instance last.
/// </summary>
public sealed unsafe class VulkanContext
{
    private VulkanContext(ResourceRegistry registry, Vk api, ValidationMessenger validation, bool validationEnabled, DebugUtilsFunctions debugUtils)
    {
        Registry = registry;
        Api = api;
        Validation = validation;
        ValidationEnabled = validationEnabled;
        DebugUtils = debugUtils;
        Resources = new VulkanResources(this);
    }

    /// <summary>
    /// The registry that owns the instance, the device and everything created through <see cref="Resources"/>.
    /// </summary>
    public ResourceRegistry Registry { get; }

    /// <summary>The Silk.NET Vulkan API (loader and entry points) every call goes through.</summary>
    public Vk Api { get; }

    /// <summary>Counts and logs every debug-utils message of the instance; what the tests check.</summary>
    public ValidationMessenger Validation { get; }

    /// <summary>
    /// Whether the validation layer was loaded (<see cref="VulkanContextOptions.Validation"/>); when false, misuse of
    /// Vulkan is not reported.
    /// </summary>
    public bool ValidationEnabled { get; }

    /// <summary>
    /// The instance's VK_EXT_debug_utils functions, which create the validation messenger and name objects in Vulkan.
    /// </summary>
    public DebugUtilsFunctions DebugUtils { get; }

    /// <summary>Whether per-frame transients are named in Vulkan too (<see cref="VulkanContextOptions.NameTransientObjects"/>).</summary>
    public bool NameTransientObjects { get; private init; }

    /// <summary>VK_KHR_surface functions; null unless created with <see cref="VulkanContextOptions.Presentation"/>.</summary>
    public Presentation.SurfaceFunctions? SurfaceFunctions { get; private set; }

    /// <summary>VK_KHR_swapchain functions; null unless created with <see cref="VulkanContextOptions.Presentation"/>.</summary>
    public Presentation.SwapchainFunctions? SwapchainFunctions { get; private set; }

    /// <summary>Creates Vulkan objects as registered resources.</summary>
    public VulkanResources Resources { get; }

    /// <summary>The VkInstance; destroyed with <see cref="InstanceHandle"/>.</summary>
    public Instance Instance { get; private set; }

    /// <summary>The logical device, with one queue of the family chosen in <see cref="PhysicalDevice"/>.</summary>
    public Device Device { get; private set; }

    /// <summary>The graphics queue: index 0 of the chosen graphics+compute family. Frames are submitted and presented on it.</summary>
    public Queue Queue { get; private set; }

    /// <summary>
    /// Where uploads are submitted: index 0 of <see cref="PhysicalDeviceChoice.TransferQueueFamily"/>, the same VkQueue
    /// as <see cref="Queue"/> when the device has no dedicated transfer family.
    /// </summary>
    public Queue TransferQueue { get; private set; }

    /// <summary>
    /// Held around every vkQueueSubmit and vkQueuePresentKHR on <see cref="Queue"/>: a VkQueue is externally
    /// synchronised, and a loader thread submits uploads while the owner submits frames. Uncontended, it costs a few
    /// nanoseconds and allocates nothing; first come, first served.
    /// </summary>
    public QueueLock QueueLock { get; } = new();

    /// <summary>Held around submissions to <see cref="TransferQueue"/>: <see cref="QueueLock"/> itself when both are one
    /// queue, so a loader's upload and the owner's frame never reach the queue at once.</summary>
    public QueueLock TransferQueueLock { get; private set; } = null!;

    /// <summary>The physical device chosen at creation and its graphics+compute queue family.</summary>
    public PhysicalDeviceChoice PhysicalDevice { get; private set; }

    /// <summary>Where buffers and images get their memory: blocks and sub-allocations in the registry.</summary>
    public GpuMemory Memory { get; private set; } = null!;

    /// <summary>The physical device's memory types and heaps, searched by <see cref="FindMemoryType"/>.</summary>
    public PhysicalDeviceMemoryProperties MemoryProperties { get; private set; }

    /// <summary>The instance's resource in <see cref="Registry"/>: the root of the context's tree.</summary>
    public ResourceHandle<InstanceResource> InstanceHandle { get; private set; }

    /// <summary>The debug messenger's resource in <see cref="Registry"/>, a child of the instance.</summary>
    public ResourceHandle<DebugMessengerResource> MessengerHandle { get; private set; }

    /// <summary>
    /// The device's resource in <see cref="Registry"/>, a child of the instance; device objects hang below it.
    /// </summary>
    public ResourceHandle<DeviceResource> DeviceHandle { get; private set; }

    /// <summary>
    /// Brings Vulkan up and registers instance, messenger and device. Throws
    /// <see cref="VulkanUnavailableException"/> when no driver can be used.
    /// </summary>
    public static VulkanContext Create(ResourceRegistry registry, VulkanContextOptions? options = null)
    {
        options ??= new VulkanContextOptions();
        ILogger log = options.Logger ?? Serilog.Core.Logger.None;
        VulkanKinds.Register(registry);

        Vk api = VulkanBootstrap.LoadApi();
        var validation = new ValidationMessenger(options.Logger);
        Instance instance;
        bool enabled;
        try
        {
            instance = VulkanBootstrap.CreateInstance(api, options, validation, out enabled);
        }
        catch
        {
            validation.Dispose();
            throw;
        }

        DebugUtilsFunctions debugUtils;
        try
        {
            debugUtils = DebugUtilsFunctions.Load(api, instance);
        }
        catch
        {
            api.DestroyInstance(instance, null);
            validation.Dispose();
            throw;
        }

        // From here on the instance's destroy callback owns the instance and the messenger.
        var context = new VulkanContext(registry, api, validation, enabled, debugUtils) { Instance = instance, NameTransientObjects = options.NameTransientObjects };
        context.InstanceHandle = registry.Create(new InstanceResource(api, instance, debugUtils, validation), name: "instance");
        try
        {
            context.CreateChildren(log, options);
        }
        catch
        {
            // Undo through the registry so whatever was registered is destroyed in order.
            registry.RequestDestroy(context.InstanceHandle, DestroyMode.Cascade);
            registry.Update();
            throw;
        }

        return context;
    }

    /// <summary>Waits until the GPU has finished all submitted work (no-op once the device is gone).</summary>
    public void WaitIdle()
    {
        if (Registry.IsAlive(DeviceHandle))
        {
            VkCheck.Ok(Api.DeviceWaitIdle(Device), "vkDeviceWaitIdle");
        }
    }

    /// <summary>
    /// Releases the device, the messenger and the instance (block mode): each is destroyed once its
    /// children are gone, so anything still alive below the device keeps it, and shows up as a leak.
    /// </summary>
    public void Release()
    {
        Memory.ReleaseAll();
        Registry.RequestDestroy(DeviceHandle);
        Registry.RequestDestroy(MessengerHandle);
        Registry.RequestDestroy(InstanceHandle);
    }

    /// <summary>Index of a memory type allowed by <paramref name="typeBits"/> that has all <paramref name="flags"/>.</summary>
    public uint FindMemoryType(uint typeBits, MemoryPropertyFlags flags)
    {
        PhysicalDeviceMemoryProperties props = MemoryProperties;
        for (int i = 0; i < props.MemoryTypeCount; i++)
        {
            if ((typeBits & (1u << i)) != 0 && (props.MemoryTypes[i].PropertyFlags & flags) == flags)
            {
                return (uint)i;
            }
        }

        throw new InvalidOperationException($"no memory type with {flags} among type bits 0x{typeBits:x}");
    }

    private void CreateChildren(ILogger log, VulkanContextOptions options)
    {
        bool presentation = options.Presentation;
        if (presentation)
        {
            SurfaceFunctions = Presentation.SurfaceFunctions.Load(Api, Instance);
        }

        DebugUtilsMessengerCreateInfoEXT info = Validation.CreateInfo();
        DebugUtilsMessengerEXT messenger = DebugUtils.CreateMessenger(info);
        MessengerHandle = Registry.Create(new DebugMessengerResource(messenger), InstanceHandle, "validation messenger");

        PhysicalDeviceChoice choice = VulkanBootstrap.ChoosePhysicalDevice(Api, Instance);
        PhysicalDevice = choice;
        log.Information("Vulkan device {Name} ({Type}, API {Major}.{Minor}), validation {Validation}",
            choice.Name, choice.Type, choice.ApiVersion >> 22, (choice.ApiVersion >> 12) & 0x3ff, ValidationEnabled ? "on" : "off");

        Device = VulkanBootstrap.CreateDevice(Api, choice, presentation);
        DeviceHandle = Registry.Create(new DeviceResource(Api, Device, choice.Device), InstanceHandle, "device");
        DebugUtils.SetObjectName(Device, ObjectType.Device, (ulong)Device.Handle, "device");
        if (presentation)
        {
            SwapchainFunctions = Presentation.SwapchainFunctions.Load(Api, Device);
        }

        Queue queue;
        Api.GetDeviceQueue(Device, choice.QueueFamily, 0, &queue);
        Queue = queue;
        Queue transfer = queue;
        if (choice.HasDedicatedTransferFamily)
        {
            Api.GetDeviceQueue(Device, choice.TransferQueueFamily, 0, &transfer);
        }

        TransferQueue = transfer;
        TransferQueueLock = transfer.Handle == queue.Handle ? QueueLock : new QueueLock();
        PhysicalDeviceMemoryProperties memory;
        Api.GetPhysicalDeviceMemoryProperties(choice.Device, &memory);
        MemoryProperties = memory;
        PhysicalDeviceProperties properties;
        Api.GetPhysicalDeviceProperties(choice.Device, &properties);
        Memory = new GpuMemory(this, properties.Limits.NonCoherentAtomSize, options.MemoryBlockSize, options.EmptyBlockFrames);
    }
}
