using Silk.NET.Vulkan;

namespace Engine.Render.Vulkan;

/// <summary>A Vulkan call returned an error code; the message names the call and the code.</summary>
public sealed class VulkanException : Exception
{
    public VulkanException(string call, Result result)
        : base($"{call} failed: {result}")
    {
        Call = call;
        Result = result;
    }

    public string Call { get; }

    public Result Result { get; }
}
