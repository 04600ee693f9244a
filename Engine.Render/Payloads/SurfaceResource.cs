using Engine.Render.Presentation;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSurfaceKHR; destroyed with the nearest InstanceResource ancestor, after every swapchain that depends on it.</summary>
public readonly record struct SurfaceResource(SurfaceKHR Handle, SurfaceFunctions Functions) : IVulkanKind<SurfaceResource>
{
    static void IVulkanKind<SurfaceResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<SurfaceResource, InstanceResource>("VkSurfaceKHR", Destroy);

    /// <summary>Destroys the VkSurfaceKHR with its instance ancestor, through the surface extension's functions.</summary>
    private static void Destroy(ref SurfaceResource surface, ref InstanceResource instance) =>
        surface.Functions.DestroySurface(instance.Handle, surface.Handle);
}
