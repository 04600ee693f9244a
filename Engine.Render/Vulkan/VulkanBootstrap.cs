using System.Runtime.InteropServices;
using Serilog;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>
/// The raw steps of bringing Vulkan up: loader, instance (with validation layer and debug-utils),
/// physical device choice, logical device. No ownership here; <see cref="VulkanContext"/> registers
/// the results, and tests that must misuse Vulkan on purpose call these directly.
/// </summary>
public static unsafe class VulkanBootstrap
{
    /// <summary>The Khronos validation layer, enabled as <see cref="VulkanContextOptions.Validation"/> says.</summary>
    public const string ValidationLayer = "VK_LAYER_KHRONOS_validation";
    /// <summary>The instance extension VK_EXT_debug_utils, always enabled (messenger, object names).</summary>
    public const string DebugUtilsExtension = "VK_EXT_debug_utils";
    /// <summary>The API version the instance asks for (1.2); physical devices below it are never chosen.</summary>
    public static readonly uint RequiredApiVersion = Vk.Version12;

    /// <summary>Loads the Vulkan loader library; throws <see cref="VulkanUnavailableException"/> when it is missing.</summary>
    public static Vk LoadApi()
    {
        try
        {
            return Vk.GetApi();
        }
        catch (Exception e)
        {
            // GetApi only loads the library and its entry points; any failure means no usable loader.
            throw new VulkanUnavailableException("the Vulkan loader libvulkan.so.1 was not found", e);
        }
    }

    /// <summary>Whether the loader and its drivers offer the instance extension <paramref name="name"/>.</summary>
    public static bool IsInstanceExtensionAvailable(Vk vk, string name)
    {
        uint count = 0;
        VkCheck.Ok(vk.EnumerateInstanceExtensionProperties((byte*)null, &count, null), "vkEnumerateInstanceExtensionProperties");
        var props = new ExtensionProperties[count];
        fixed (ExtensionProperties* p = props)
        {
            VkCheck.Ok(vk.EnumerateInstanceExtensionProperties((byte*)null, &count, p), "vkEnumerateInstanceExtensionProperties");
            for (int i = 0; i < count; i++)
            {
                if (Utf8.Read(p[i].ExtensionName) == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="device"/> offers the device extension <paramref name="name"/>.</summary>
    public static bool IsDeviceExtensionAvailable(Vk vk, PhysicalDevice device, string name)
    {
        uint count = 0;
        VkCheck.Ok(vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &count, null), "vkEnumerateDeviceExtensionProperties");
        var props = new ExtensionProperties[count];
        fixed (ExtensionProperties* p = props)
        {
            VkCheck.Ok(vk.EnumerateDeviceExtensionProperties(device, (byte*)null, &count, p), "vkEnumerateDeviceExtensionProperties");
            for (int i = 0; i < count; i++)
            {
                if (Utf8.Read(p[i].ExtensionName) == name)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the loader offers the instance layer <paramref name="layer"/>.</summary>
    public static bool IsLayerAvailable(Vk vk, string layer)
    {
        uint count = 0;
        VkCheck.Ok(vk.EnumerateInstanceLayerProperties(&count, null), "vkEnumerateInstanceLayerProperties");
        var props = new LayerProperties[count];
        fixed (LayerProperties* p = props)
        {
            VkCheck.Ok(vk.EnumerateInstanceLayerProperties(&count, p), "vkEnumerateInstanceLayerProperties");
            for (int i = 0; i < count; i++)
            {
                if (Utf8.Read(p[i].LayerName) == layer)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Creates an instance with debug-utils; the messenger's create-info is chained so that messages
    /// emitted while creating and destroying the instance itself are counted too.
    /// </summary>
    public static Instance CreateInstance(Vk vk, VulkanContextOptions options, ValidationMessenger messenger, out bool validationEnabled)
    {
        ILogger log = options.Logger ?? Serilog.Core.Logger.None;
        validationEnabled = options.Validation switch
        {
            ValidationMode.Off => false,
            ValidationMode.Required => IsLayerAvailable(vk, ValidationLayer)
                ? true
                : throw new VulkanUnavailableException($"the validation layer {ValidationLayer} is not installed"),
            _ => IsLayerAvailable(vk, ValidationLayer),
        };
        if (!validationEnabled && options.Validation == ValidationMode.IfAvailable)
        {
            log.Warning("Running without {Layer}: install vulkan-validationlayers to check Vulkan usage", ValidationLayer);
        }

        string[] extensionNames = options.Presentation
            ? [DebugUtilsExtension, Presentation.SurfaceFunctions.SurfaceExtension, Presentation.SurfaceFunctions.XlibSurfaceExtension]
            : [DebugUtilsExtension];
        foreach (string name in extensionNames.AsSpan(1))
        {
            if (!IsInstanceExtensionAvailable(vk, name))
            {
                throw new VulkanUnavailableException($"presentation needs the instance extension {name}, which no installed driver offers");
            }
        }

        byte* appName = Utf8.Alloc(options.ApplicationName);
        byte* layer = Utf8.Alloc(ValidationLayer);
        byte** extensions = stackalloc byte*[extensionNames.Length];
        for (int i = 0; i < extensionNames.Length; i++)
        {
            extensions[i] = Utf8.Alloc(extensionNames[i]);
        }

        try
        {
            var app = new ApplicationInfo
            {
                SType = StructureType.ApplicationInfo,
                PApplicationName = appName,
                ApplicationVersion = Vk.MakeVersion(1, 0, 0),
                PEngineName = appName,
                EngineVersion = Vk.MakeVersion(1, 0, 0),
                ApiVersion = RequiredApiVersion,
            };
            DebugUtilsMessengerCreateInfoEXT chained = messenger.CreateInfo();
            var info = new InstanceCreateInfo
            {
                SType = StructureType.InstanceCreateInfo,
                PNext = &chained,
                PApplicationInfo = &app,
                EnabledLayerCount = validationEnabled ? 1u : 0u,
                PpEnabledLayerNames = validationEnabled ? &layer : null,
                EnabledExtensionCount = (uint)extensionNames.Length,
                PpEnabledExtensionNames = extensions,
            };
            Instance instance;
            Result result = vk.CreateInstance(&info, null, &instance);
            if (result is Result.ErrorIncompatibleDriver or Result.ErrorInitializationFailed)
            {
                throw new VulkanUnavailableException($"no Vulkan driver could create an instance ({result})");
            }

            VkCheck.Ok(result, "vkCreateInstance");
            return instance;
        }
        finally
        {
            Utf8.Free(appName);
            Utf8.Free(layer);
            for (int i = 0; i < extensionNames.Length; i++)
            {
                Utf8.Free(extensions[i]);
            }
        }
    }

    /// <summary>
    /// Picks a device that supports Vulkan 1.2 and has a graphics+compute queue: a discrete GPU first,
    /// then an integrated one, then virtual, then a CPU implementation such as lavapipe.
    /// </summary>
    public static PhysicalDeviceChoice ChoosePhysicalDevice(Vk vk, Instance instance)
    {
        uint count = 0;
        VkCheck.Ok(vk.EnumeratePhysicalDevices(instance, &count, null), "vkEnumeratePhysicalDevices");
        if (count == 0)
        {
            throw new VulkanUnavailableException("the Vulkan loader found no physical device");
        }

        var devices = new PhysicalDevice[count];
        fixed (PhysicalDevice* p = devices)
        {
            VkCheck.Ok(vk.EnumeratePhysicalDevices(instance, &count, p), "vkEnumeratePhysicalDevices");
        }

        PhysicalDeviceChoice? best = null;
        foreach (PhysicalDevice device in devices)
        {
            PhysicalDeviceProperties props;
            vk.GetPhysicalDeviceProperties(device, &props);
            if (props.ApiVersion < RequiredApiVersion || FindQueueFamily(vk, device) is not uint family)
            {
                continue;
            }

            uint transfer = FindDedicatedTransferFamily(vk, device) ?? family;
            var candidate = new PhysicalDeviceChoice(device, family, props.DeviceType, Utf8.Read(props.DeviceName) ?? "?", props.ApiVersion, transfer);
            if (best is null || Preference(candidate.Type) < Preference(best.Value.Type))
            {
                best = candidate;
            }
        }

        return best ?? throw new VulkanUnavailableException("no physical device supports Vulkan 1.2 with a graphics+compute queue");
    }

    /// <summary>
    /// Creates the logical device with one queue from the chosen family, one more from the transfer family when it is a
    /// dedicated one, timeline semaphores on (core and required since Vulkan 1.2; streamed uploads signal one), and
    /// VK_KHR_swapchain with <paramref name="presentation"/>.
    /// </summary>
    public static Device CreateDevice(Vk vk, in PhysicalDeviceChoice choice, bool presentation = false)
    {
        if (presentation && !IsDeviceExtensionAvailable(vk, choice.Device, Presentation.SwapchainFunctions.Extension))
        {
            throw new VulkanUnavailableException($"presentation needs {Presentation.SwapchainFunctions.Extension}, which {choice.Name} does not offer");
        }

        byte* swapchain = Utf8.Alloc(Presentation.SwapchainFunctions.Extension);
        float priority = 1f;
        DeviceQueueCreateInfo* queueInfos = stackalloc DeviceQueueCreateInfo[2];
        queueInfos[0] = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo,
            QueueFamilyIndex = choice.QueueFamily,
            QueueCount = 1,
            PQueuePriorities = &priority,
        };
        queueInfos[1] = queueInfos[0] with { QueueFamilyIndex = choice.TransferQueueFamily };
        var features12 = new PhysicalDeviceVulkan12Features
        {
            SType = StructureType.PhysicalDeviceVulkan12Features,
            TimelineSemaphore = true,
        };
        var info = new DeviceCreateInfo
        {
            SType = StructureType.DeviceCreateInfo,
            PNext = &features12,
            QueueCreateInfoCount = choice.HasDedicatedTransferFamily ? 2u : 1u,
            PQueueCreateInfos = queueInfos,
            EnabledExtensionCount = presentation ? 1u : 0u,
            PpEnabledExtensionNames = presentation ? &swapchain : null,
        };
        try
        {
            Device device;
            VkCheck.Ok(vk.CreateDevice(choice.Device, &info, null, &device), "vkCreateDevice");
            return device;
        }
        finally
        {
            Utf8.Free(swapchain);
        }
    }

    /// <summary>Lower is preferred: discrete, integrated, virtual, CPU, anything else.</summary>
    public static int Preference(PhysicalDeviceType type) => type switch
    {
        PhysicalDeviceType.DiscreteGpu => 0,
        PhysicalDeviceType.IntegratedGpu => 1,
        PhysicalDeviceType.VirtualGpu => 2,
        PhysicalDeviceType.Cpu => 3,
        _ => 4,
    };

    /// <summary>A family that transfers but neither draws nor computes (a copy engine), or null.</summary>
    private static uint? FindDedicatedTransferFamily(Vk vk, PhysicalDevice device)
    {
        QueueFamilyProperties[] families = QueueFamilies(vk, device);
        for (uint i = 0; i < families.Length; i++)
        {
            QueueFlags flags = families[i].QueueFlags;
            if ((flags & QueueFlags.TransferBit) != 0 && (flags & (QueueFlags.GraphicsBit | QueueFlags.ComputeBit)) == 0 && families[i].QueueCount > 0)
            {
                return i;
            }
        }

        return null;
    }

    private static QueueFamilyProperties[] QueueFamilies(Vk vk, PhysicalDevice device)
    {
        uint count = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(device, &count, null);
        var families = new QueueFamilyProperties[count];
        fixed (QueueFamilyProperties* p = families)
        {
            vk.GetPhysicalDeviceQueueFamilyProperties(device, &count, p);
        }

        return families;
    }

    private static uint? FindQueueFamily(Vk vk, PhysicalDevice device)
    {
        QueueFamilyProperties[] families = QueueFamilies(vk, device);
        uint count = (uint)families.Length;
        const QueueFlags needed = QueueFlags.GraphicsBit | QueueFlags.ComputeBit;
        for (uint i = 0; i < count; i++)
        {
            if ((families[i].QueueFlags & needed) == needed && families[i].QueueCount > 0)
            {
                return i;
            }
        }

        return null;
    }
}
