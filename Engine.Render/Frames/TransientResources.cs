using Engine.Render.Payloads;
using Engine.Render.Vulkan;
using Engine.Resources;

namespace Engine.Render.Frames;

/// <summary>
/// What one frame creates and releases again: a scope and, below it, a vertex buffer, a uniform
/// buffer, a descriptor pool with one set, and a scratch image with a view.
/// </summary>
public readonly record struct TransientResources(
    ResourceHandle<FrameScopeResource> Scope,
    BoundBuffer Vertices,
    BoundBuffer Uniforms,
    ResourceHandle<DescriptorPoolResource> DescriptorPool,
    ResourceHandle<DescriptorSetResource> DescriptorSet,
    BoundImage Scratch,
    ResourceHandle<ImageViewResource> ScratchView)
{
    /// <summary>Resources per frame: scope, 2 × (memory + buffer), pool + set, memory + image + view.</summary>
    public const int Count = 10;
}
