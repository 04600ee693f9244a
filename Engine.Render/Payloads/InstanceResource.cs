using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// The VkInstance, root of a Vulkan tree. It carries the loader API and the messenger so that the
/// instance's own destruction is still observed, and the messenger is released only after it.
/// </summary>
public readonly record struct InstanceResource(Vk Api, Instance Handle, DebugUtilsFunctions DebugUtils, ValidationMessenger Messenger) : IVulkanKind<InstanceResource>
{
    static void IVulkanKind<InstanceResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<InstanceResource>("VkInstance", Destroy);

    /// <summary>
    /// Destroys the VkInstance, a root with no ancestor, then disposes its validation messenger, which still received
    /// the messages of vkDestroyInstance.
    /// </summary>
    private static unsafe void Destroy(ref InstanceResource instance)
    {
        instance.Api.DestroyInstance(instance.Handle, null);
        // Messages of vkDestroyInstance went through the chained messenger; only now may it let go.
        instance.Messenger.Dispose();
    }
}
