using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>A Vulkan call returned an error code; the message names the call and the code.</summary>
public sealed class VulkanException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/> having returned <paramref name="result"/>.</summary>
    public VulkanException(string call, Result result)
        : base($"{call} failed: {result}")
    {
        Call = call;
        Result = result;
    }

    /// <summary>The Vulkan function that failed, e.g. <c>vkCreateBuffer</c>.</summary>
    public string Call { get; }

    /// <summary>The VkResult the call returned.</summary>
    public Result Result { get; }
}
