using Engine.Resources;

namespace Engine.Render.Payloads;

/// <summary>
/// A Vulkan payload type that carries its own kind: the kind name, the destroy callback and the ancestor type that
/// callback receives are declared in the payload's file, and <see cref="VulkanKinds.Register"/> lists every such type.
/// Internal, and implemented explicitly, so that none of it widens the public API: users see the payload's fields only.
/// </summary>
/// <typeparam name="TSelf">The payload type itself, so that the static member can name it.</typeparam>
internal interface IVulkanKind<TSelf>
    where TSelf : struct, IVulkanKind<TSelf>
{
    /// <summary>Registers <typeparamref name="TSelf"/> on <paramref name="registry"/> with its kind name and destroy callback.</summary>
    static abstract void Register(ResourceRegistry registry);
}
