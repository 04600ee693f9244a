using Engine.Render.Vulkan;
using Silk.NET.Vulkan;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class PhysicalDeviceChoiceTests
{
    [Fact]
    public void Hardware_is_preferred_over_a_CPU_implementation()
    {
        PhysicalDeviceType[] expected =
        [
            PhysicalDeviceType.DiscreteGpu,
            PhysicalDeviceType.IntegratedGpu,
            PhysicalDeviceType.VirtualGpu,
            PhysicalDeviceType.Cpu,
            PhysicalDeviceType.Other,
        ];

        PhysicalDeviceType[] ordered = expected.Reverse().OrderBy(VulkanBootstrap.Preference).ToArray();

        Assert.Equal(expected, ordered);
    }

    [Fact]
    public void The_chosen_device_supports_Vulkan_1_2_and_the_choice_is_stable()
    {
        using var session = new VulkanSession();
        PhysicalDeviceChoice choice = session.Vulkan.PhysicalDevice;

        Assert.True(choice.ApiVersion >= Vk.Version12);
        Assert.False(string.IsNullOrEmpty(choice.Name));
        Assert.Equal(choice.Device.Handle, VulkanBootstrap.ChoosePhysicalDevice(session.Vulkan.Api, session.Vulkan.Instance).Device.Handle);

        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
