using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkSampler; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct SamplerResource(Sampler Handle) : IVulkanKind<SamplerResource>
{
    static void IVulkanKind<SamplerResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<SamplerResource, DeviceResource>("VkSampler", Destroy);

    /// <summary>Destroys the VkSampler with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref SamplerResource sampler, ref DeviceResource device) =>
        device.Api.DestroySampler(device.Handle, sampler.Handle, null);
}
