using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>Turns Vulkan result codes into exceptions at the call site.</summary>
internal static class VkCheck
{
    public static void Ok(Result result, string call)
    {
        if (result != Result.Success)
        {
            throw new VulkanException(call, result);
        }
    }
}
