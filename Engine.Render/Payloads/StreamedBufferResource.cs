using Engine.Resources;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// Data a loader thread uploaded (a streamed texture's pixels, for example): a buffer and the host-visible memory it
/// is bound to, registered as one resource because both were made on the loader thread before the resource could join
/// the forest. Destroyed with the nearest DeviceResource ancestor: the buffer first, then its memory.
/// </summary>
public readonly record struct StreamedBufferResource(Silk.NET.Vulkan.Buffer Buffer, DeviceMemory Memory, ulong Size) : IVulkanKind<StreamedBufferResource>
{
    static void IVulkanKind<StreamedBufferResource>.Register(ResourceRegistry registry) =>
        registry.RegisterKind<StreamedBufferResource, DeviceResource>("StreamedBuffer", Destroy);

    /// <summary>Destroys the streamed buffer, then frees the memory it was bound to, with the nearest device ancestor.</summary>
    private static unsafe void Destroy(ref StreamedBufferResource streamed, ref DeviceResource device)
    {
        device.Api.DestroyBuffer(device.Handle, streamed.Buffer, null);
        device.Api.FreeMemory(device.Handle, streamed.Memory, null);
    }
}
