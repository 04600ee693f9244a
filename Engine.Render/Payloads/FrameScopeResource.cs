using Engine.Resources;

namespace Engine.Render.Payloads;

/// <summary>
/// No Vulkan object: a grouping node for one frame's transient resources, so that releasing the
/// scope (cascade) releases everything the frame created.
/// </summary>
public readonly record struct FrameScopeResource(long Frame) : IVulkanKind<FrameScopeResource>
{
    static void IVulkanKind<FrameScopeResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<FrameScopeResource>("FrameScope"); // nothing to destroy: only its children are Vulkan objects
}
