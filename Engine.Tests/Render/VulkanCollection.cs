namespace Engine.Tests.Render;

/// <summary>Vulkan tests run one at a time: a CPU driver plus the validation layer is heavy on small machines.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VulkanCollection
{
    public const string Name = "Vulkan";
}
