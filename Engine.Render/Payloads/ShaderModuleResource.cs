using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkShaderModule; destroyed with the nearest DeviceResource ancestor.</summary>
public readonly record struct ShaderModuleResource(ShaderModule Handle) : IVulkanKind<ShaderModuleResource>
{
    static void IVulkanKind<ShaderModuleResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<ShaderModuleResource, DeviceResource>("VkShaderModule", Destroy);

    /// <summary>Destroys the VkShaderModule with its nearest device ancestor.</summary>
    private static unsafe void Destroy(ref ShaderModuleResource module, ref DeviceResource device) =>
        device.Api.DestroyShaderModule(device.Handle, module.Handle, null);
}
