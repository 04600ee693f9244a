using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>
/// VK_EXT_debug_utils entry points, loaded by name through vkGetInstanceProcAddr because the
/// Silk.NET extension packages are not available here.
/// </summary>
public sealed unsafe class DebugUtilsFunctions
{
    private readonly delegate* unmanaged[Cdecl]<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result> _create;
    private readonly delegate* unmanaged[Cdecl]<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void> _destroy;
    private readonly delegate* unmanaged[Cdecl]<Device, DebugUtilsObjectNameInfoEXT*, Result> _setName;

    private DebugUtilsFunctions(Instance instance, nint create, nint destroy, nint setName)
    {
        Instance = instance;
        _create = (delegate* unmanaged[Cdecl]<Instance, DebugUtilsMessengerCreateInfoEXT*, AllocationCallbacks*, DebugUtilsMessengerEXT*, Result>)create;
        _destroy = (delegate* unmanaged[Cdecl]<Instance, DebugUtilsMessengerEXT, AllocationCallbacks*, void>)destroy;
        _setName = (delegate* unmanaged[Cdecl]<Device, DebugUtilsObjectNameInfoEXT*, Result>)setName;
    }

    /// <summary>
    /// The instance the functions were loaded from; <see cref="CreateMessenger"/> creates messengers on it.
    /// </summary>
    public Instance Instance { get; }

    /// <summary>Loads the three functions; throws when the instance was created without VK_EXT_debug_utils.</summary>
    public static DebugUtilsFunctions Load(Vk vk, Instance instance)
    {
        nint Get(string name)
        {
            nint address = (nint)vk.GetInstanceProcAddr(instance, name).Handle;
            return address != 0 ? address : throw new InvalidOperationException($"{name} is not exported; was VK_EXT_debug_utils enabled?");
        }

        return new DebugUtilsFunctions(
            instance,
            Get("vkCreateDebugUtilsMessengerEXT"),
            Get("vkDestroyDebugUtilsMessengerEXT"),
            Get("vkSetDebugUtilsObjectNameEXT"));
    }

    /// <summary>
    /// Creates a debug messenger on <see cref="Instance"/> (vkCreateDebugUtilsMessengerEXT); throws
    /// <see cref="VulkanException"/> when the call fails.
    /// </summary>
    public DebugUtilsMessengerEXT CreateMessenger(in DebugUtilsMessengerCreateInfoEXT info)
    {
        DebugUtilsMessengerEXT messenger;
        fixed (DebugUtilsMessengerCreateInfoEXT* pInfo = &info)
        {
            VkCheck.Ok(_create(Instance, pInfo, null, &messenger), "vkCreateDebugUtilsMessengerEXT");
        }

        return messenger;
    }

    /// <summary>Destroys a messenger of <paramref name="instance"/> (vkDestroyDebugUtilsMessengerEXT).</summary>
    public void DestroyMessenger(Instance instance, DebugUtilsMessengerEXT messenger) => _destroy(instance, messenger, null);

    /// <summary>Names an object so validation messages mention it; allocation-free for names up to 255 bytes.</summary>
    public void SetObjectName(Device device, ObjectType type, ulong handle, string? name)
    {
        if (name is null)
        {
            return;
        }

        byte* buffer = stackalloc byte[256];
        Utf8.Encode(name, new Span<byte>(buffer, 256));
        var info = new DebugUtilsObjectNameInfoEXT
        {
            SType = StructureType.DebugUtilsObjectNameInfoExt,
            ObjectType = type,
            ObjectHandle = handle,
            PObjectName = buffer,
        };
        VkCheck.Ok(_setName(device, &info), "vkSetDebugUtilsObjectNameEXT");
    }
}
