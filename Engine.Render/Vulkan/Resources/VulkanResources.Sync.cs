using Engine.Render.Payloads;
using Engine.Resources;
using Silk.NET.Vulkan;
using VkSemaphore = Silk.NET.Vulkan.Semaphore;

namespace Engine.Render.Vulkan;

public sealed unsafe partial class VulkanResources
{
    /// <summary>
    /// A fence (vkCreateFence), created already signaled when <paramref name="signaled"/> is true, registered under
    /// <paramref name="parent"/>.
    /// </summary>
    public ResourceHandle<FenceResource> CreateFence(ResourceHandle parent, bool signaled = false, string? name = null)
    {
        Registry.EnsureCanCreate<FenceResource>(parent, name);
        var info = new FenceCreateInfo
        {
            SType = StructureType.FenceCreateInfo,
            Flags = signaled ? FenceCreateFlags.SignaledBit : 0,
        };
        Fence fence;
        VkCheck.Ok(Api.CreateFence(Device, &info, null, &fence), "vkCreateFence");
        return Register(new FenceResource(fence), parent, name, ObjectType.Fence, fence.Handle);
    }

    /// <summary>A binary semaphore (vkCreateSemaphore), registered under <paramref name="parent"/>.</summary>
    public ResourceHandle<SemaphoreResource> CreateSemaphore(ResourceHandle parent, string? name = null)
    {
        Registry.EnsureCanCreate<SemaphoreResource>(parent, name);
        var info = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo };
        VkSemaphore semaphore;
        VkCheck.Ok(Api.CreateSemaphore(Device, &info, null, &semaphore), "vkCreateSemaphore");
        return Register(new SemaphoreResource(semaphore), parent, name, ObjectType.Semaphore, semaphore.Handle);
    }

    /// <summary>
    /// A timeline semaphore (a 64-bit counter the GPU signals and waits on) starting at
    /// <paramref name="initialValue"/>, registered under <paramref name="parent"/>.
    /// </summary>
    public ResourceHandle<SemaphoreResource> CreateTimelineSemaphore(ResourceHandle parent, ulong initialValue = 0, string? name = null)
    {
        Registry.EnsureCanCreate<SemaphoreResource>(parent, name);
        var type = new SemaphoreTypeCreateInfo
        {
            SType = StructureType.SemaphoreTypeCreateInfo,
            SemaphoreType = SemaphoreType.Timeline,
            InitialValue = initialValue,
        };
        var info = new SemaphoreCreateInfo { SType = StructureType.SemaphoreCreateInfo, PNext = &type };
        VkSemaphore semaphore;
        VkCheck.Ok(Api.CreateSemaphore(Device, &info, null, &semaphore), "vkCreateSemaphore");
        return Register(new SemaphoreResource(semaphore), parent, name, ObjectType.Semaphore, semaphore.Handle);
    }
}
