using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A graphics or compute VkPipeline; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct PipelineResource(Pipeline Handle, PipelineBindPoint BindPoint) : IVulkanKind<PipelineResource>
{
    static void IVulkanKind<PipelineResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<PipelineResource, DeviceResource>("VkPipeline", Destroy);

    /// <summary>Destroys the VkPipeline with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref PipelineResource pipeline, ref DeviceResource device) =>
        device.Api.DestroyPipeline(device.Handle, pipeline.Handle, null);
}
