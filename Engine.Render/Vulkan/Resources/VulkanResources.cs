using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>
/// Creates Vulkan objects and registers each one as a resource under a given parent, named in the
/// registry and, through debug-utils, in Vulkan, so validation messages name resources. Split by
/// concern across partial files. Creation with constant names allocates nothing managed.
/// </summary>
public sealed unsafe partial class VulkanResources
{
    private readonly VulkanContext _context;

    internal VulkanResources(VulkanContext context) => _context = context;

    private Vk Api => _context.Api;

    private Device Device => _context.Device;

    private ResourceRegistry Registry => _context.Registry;

    private ResourceHandle<T> Register<T>(in T payload, ResourceHandle parent, string? name, ObjectType type, ulong handle, ResourceFlags flags = ResourceFlags.None)
        where T : struct
    {
        ResourceHandle<T> resource;
        try
        {
            resource = Registry.Create(payload, parent, name, flags);
        }
        catch
        {
            // The registry refused the position (stale parent, no device ancestor...): nothing may leak.
            DestroyUnregistered(type, handle);
            throw;
        }

        // Surfaces are the loader's objects, not the driver's: naming one through the device makes lavapipe free memory
        // it does not own (a crash in mesa 22.3). They are named in the registry only, like per-frame transients
        // unless asked (the validation layer never forgets a name).
        if (name is not null && type != ObjectType.SurfaceKhr && (_context.NameTransientObjects || !IsTransient(parent)))
        {
            _context.DebugUtils.SetObjectName(Device, type, handle, name);
        }

        return resource;
    }

    /// <summary>Whether <paramref name="parent"/> is a frame scope or below one (a few parent steps).</summary>
    private bool IsTransient(ResourceHandle parent)
    {
        for (ResourceHandle node = parent; !node.IsNull; node = Registry.ParentOf(node))
        {
            if (Registry.Has<Payloads.FrameScopeResource>(node))
            {
                return true;
            }
        }

        return false;
    }
}
