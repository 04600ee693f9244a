using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>A VkDebugUtilsMessengerEXT; destroyed with its InstanceResource ancestor.</summary>
public readonly record struct DebugMessengerResource(DebugUtilsMessengerEXT Handle) : IVulkanKind<DebugMessengerResource>
{
    static void IVulkanKind<DebugMessengerResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<DebugMessengerResource, InstanceResource>("VkDebugUtilsMessengerEXT", Destroy);

    /// <summary>Destroys the VkDebugUtilsMessengerEXT with the instance it was created on.</summary>
    private static void Destroy(ref DebugMessengerResource messenger, ref InstanceResource instance) =>
        instance.DebugUtils.DestroyMessenger(instance.Handle, messenger.Handle);
}
