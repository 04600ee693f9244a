using Engine.Render.Offscreen;
using Engine.Render.Payloads;
using Engine.Render.Streaming;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Frames;

/// <summary>
/// What one frame creates and releases again: a scope and, below it, a vertex buffer, a uniform
/// buffer, a descriptor pool with one set, and a scratch image with a view.
/// </summary>
public readonly unsafe record struct TransientResources(
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

    private const uint ScratchSize = 64;

    /// <summary>
    /// Creates frame <paramref name="frame"/>'s transient resources under a new scope below the device; the set's
    /// binding 1 samples <paramref name="textures"/>' current texture.
    /// </summary>
    public static TransientResources Create(VulkanContext vulkan, TrianglePipeline pipeline, StreamedTextures textures, long frame)
    {
        ArgumentNullException.ThrowIfNull(textures);
        VulkanResources res = vulkan.Resources;
        ResourceHandle<FrameScopeResource> scope = res.CreateFrameScope(vulkan.DeviceHandle, frame, "frame scope");
        const MemoryPropertyFlags hostVisible = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;

        // A triangle turning a little every frame.
        float angle = frame * 0.05f;
        Span<Vertex> vertices = stackalloc Vertex[3];
        for (int i = 0; i < 3; i++)
        {
            float a = angle + (i * MathF.Tau / 3f);
            vertices[i] = new Vertex(0.8f * MathF.Cos(a), 0.8f * MathF.Sin(a), i == 0 ? 1f : 0.1f, i == 1 ? 1f : 0.1f, i == 2 ? 1f : 0.1f);
        }

        BoundBuffer vertexBuffer = res.CreateBoundBuffer(scope, Vertex.Stride * 3, BufferUsageFlags.VertexBufferBit, hostVisible, "frame vertices");
        res.Upload<Vertex>(vertexBuffer.Memory, vertices);

        Span<float> tint = stackalloc float[4];
        tint[0] = 0.75f + (0.25f * MathF.Sin(angle));
        tint[1] = 1f;
        tint[2] = 0.75f + (0.25f * MathF.Cos(angle));
        tint[3] = 1f;
        BoundBuffer uniforms = res.CreateBoundBuffer(scope, 4 * sizeof(float), BufferUsageFlags.UniformBufferBit, hostVisible, "frame uniforms");
        res.Upload<float>(uniforms.Memory, tint);

        DescriptorPoolSize* poolSizes = stackalloc DescriptorPoolSize[2];
        poolSizes[0] = new DescriptorPoolSize(DescriptorType.UniformBuffer, 1);
        poolSizes[1] = new DescriptorPoolSize(DescriptorType.CombinedImageSampler, 1);
        ResourceHandle<DescriptorPoolResource> pool = res.CreateDescriptorPool(scope, 1, new ReadOnlySpan<DescriptorPoolSize>(poolSizes, 2), name: "frame descriptors");
        ResourceHandle<DescriptorSetResource> set = res.AllocateDescriptorSet(pool, pipeline.SetLayout, "frame uniforms set");
        DescriptorSet rawSet = vulkan.Registry.Get(set).Handle;
        res.WriteUniformBuffer(rawSet, 0, uniforms.RawBuffer, 4 * sizeof(float));
        res.WriteCombinedImageSampler(rawSet, 1, textures.CurrentView, textures.Sampler);

        BoundImage scratch = res.CreateBoundImage2D(scope, Format.R8G8B8A8Unorm, ScratchSize, ScratchSize, ImageUsageFlags.TransferDstBit | ImageUsageFlags.SampledBit, "frame scratch");
        ResourceHandle<ImageViewResource> scratchView = res.CreateImageView(scratch.Image, "frame scratch view");
        return new TransientResources(scope, vertexBuffer, uniforms, pool, set, scratch, scratchView);
    }
}
