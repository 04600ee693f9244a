using Engine.Render.Vulkan;

namespace Engine.Demo;

/// <summary>The outcome the demo's last two lines and exit code are made of.</summary>
public readonly record struct DemoReport(ValidationCounts Validation, int Leaks, int SwapchainRecreations)
{
    public bool Clean => Validation.Clean && Leaks == 0;
}
