using System.Text;
using Engine.Render.Vulkan;
using Engine.Resources;

namespace Engine.Tests.Render;

/// <summary>A registry with a Vulkan context under the Khronos validation layer (required, not optional).</summary>
internal sealed class VulkanSession : IDisposable
{
    public VulkanSession(bool presentation = false, bool nameTransientObjects = false, ulong memoryBlockSize = 64UL << 20, int emptyBlockFrames = 60)
    {
        VulkanContext? vulkan = null;
        Registry = new ResourceRegistry(logger: null, waitForGpuIdle: () => vulkan?.WaitIdle());
        Vulkan = vulkan = VulkanContext.Create(Registry, new VulkanContextOptions
        {
            ApplicationName = "Engine.Tests",
            Validation = ValidationMode.Required,
            Presentation = presentation,
            NameTransientObjects = nameTransientObjects,
            MemoryBlockSize = memoryBlockSize,
            EmptyBlockFrames = emptyBlockFrames,
        });
    }

    public ResourceRegistry Registry { get; }

    public VulkanContext Vulkan { get; }

    public ValidationMessenger Validation => Vulkan.Validation;

    /// <summary>Fails with every kept message when the layer reported any error or warning.</summary>
    public static void AssertNoValidationMessages(ValidationMessenger validation)
    {
        ValidationCounts counts = validation.Counts;
        if (!counts.Clean)
        {
            var text = new StringBuilder($"validation layer reported {counts}:");
            foreach (ValidationMessage message in validation.Messages)
            {
                text.AppendLine().Append(message.Severity).Append(' ').Append(message.MessageId).Append(": ").Append(message.Text);
            }

            Assert.Fail(text.ToString());
        }
    }

    /// <summary>Releases the context itself, updates, and shuts down; returns the teardown report.</summary>
    public TeardownReport ReleaseAndShutdown()
    {
        Vulkan.Release();
        Registry.Update();
        return Registry.Shutdown();
    }

    public void Dispose() => Registry.Dispose();
}
