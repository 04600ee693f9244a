using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSemaphore; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct SemaphoreResource(Silk.NET.Vulkan.Semaphore Handle) : IVulkanKind<SemaphoreResource>
{
    static void IVulkanKind<SemaphoreResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<SemaphoreResource, DeviceResource>("VkSemaphore", Destroy);

    /// <summary>Destroys the VkSemaphore with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref SemaphoreResource semaphore, ref DeviceResource device) =>
        device.Api.DestroySemaphore(device.Handle, semaphore.Handle, null);
}
