namespace Engine.Render.Vulkan;

/// <summary>
/// No usable Vulkan implementation: the loader is missing, no driver answers, or no device can render.
/// Callers report this as an installation problem, not as a bug.
/// </summary>
public sealed class VulkanUnavailableException : Exception
{
    /// <summary>The Debian packages that provide a working Vulkan stack, including a CPU driver.</summary>
    public const string DebianPackages = "mesa-vulkan-drivers libvulkan1 vulkan-validationlayers";

    /// <summary>
    /// Creates the exception; <paramref name="reason"/> says what is missing, <paramref name="inner"/> is the
    /// underlying failure, if any.
    /// </summary>
    public VulkanUnavailableException(string reason, Exception? inner = null)
        : base(reason, inner)
    {
    }

    /// <summary>One line for a user: what is wrong and what to install.</summary>
    public string InstallHint =>
        $"Vulkan is not available ({Message}); install it with: apt-get install {DebianPackages}";
}
