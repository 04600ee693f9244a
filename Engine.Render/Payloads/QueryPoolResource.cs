using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkQueryPool; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct QueryPoolResource(QueryPool Handle) : IVulkanKind<QueryPoolResource>
{
    static void IVulkanKind<QueryPoolResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<QueryPoolResource, DeviceResource>("VkQueryPool", Destroy);

    /// <summary>Destroys the VkQueryPool with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref QueryPoolResource pool, ref DeviceResource device) =>
        device.Api.DestroyQueryPool(device.Handle, pool.Handle, null);
}
