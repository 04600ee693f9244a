using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkPipelineLayout; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct PipelineLayoutResource(PipelineLayout Handle) : IVulkanKind<PipelineLayoutResource>
{
    static void IVulkanKind<PipelineLayoutResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<PipelineLayoutResource, DeviceResource>("VkPipelineLayout", Destroy);

    /// <summary>Destroys the VkPipelineLayout with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref PipelineLayoutResource layout, ref DeviceResource device) =>
        device.Api.DestroyPipelineLayout(device.Handle, layout.Handle, null);
}
