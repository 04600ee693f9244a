namespace Engine.Render.Vulkan;

/// <summary>Whether the Khronos validation layer is loaded.</summary>
public enum ValidationMode
{
    /// <summary>Load it; fail when it is not installed (tests).</summary>
    Required,

    /// <summary>Load it when installed, otherwise run without and say so in the log.</summary>
    IfAvailable,

    /// <summary>Never load it (release builds, benchmarks).</summary>
    Off,
}
