using Engine.Render.Payloads;
using Engine.Resources;

namespace Engine.Render.Vulkan;

public sealed partial class VulkanResources
{
    /// <summary>
    /// A grouping node with no Vulkan object, for one frame's transient resources: releasing it with
    /// <see cref="DestroyMode.Cascade"/> releases everything the frame created below it.
    /// </summary>
    public ResourceHandle<FrameScopeResource> CreateFrameScope(ResourceHandle parent, long frame, string? name = null) =>
        Registry.Create(new FrameScopeResource(frame), parent, name);
}
