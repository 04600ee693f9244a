using Serilog;

namespace Engine.Render.Vulkan;

/// <summary>How a <see cref="VulkanContext"/> is created.</summary>
public sealed record VulkanContextOptions
{
    public string ApplicationName { get; init; } = "Engine";

    public ValidationMode Validation { get; init; } = ValidationMode.IfAvailable;

    public ILogger? Logger { get; init; }
}
