using Engine.Render.Vulkan;
using Silk.NET.Vulkan;
using VkBuffer = Silk.NET.Vulkan.Buffer;

namespace Engine.Tests.Render;

/// <summary>
/// Proves the oracle listens: the same bootstrap and messenger the registry uses, but a teardown
/// written by hand in the wrong order must be reported by the validation layer.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed unsafe class NegativeControlTests
{
    [Fact]
    public void Destroying_a_device_with_a_live_buffer_is_reported_by_the_validation_layer()
    {
        Vk vk = VulkanBootstrap.LoadApi();
        var options = new VulkanContextOptions { ApplicationName = "Engine.Tests negative control", Validation = ValidationMode.Required };
        var sink = new CollectingSink();
        using var logger = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        using var validation = new ValidationMessenger(logger);
        Instance instance = VulkanBootstrap.CreateInstance(vk, options, validation, out bool enabled);
        Assert.True(enabled);
        DebugUtilsFunctions debugUtils = DebugUtilsFunctions.Load(vk, instance);
        DebugUtilsMessengerEXT messenger = debugUtils.CreateMessenger(validation.CreateInfo());
        PhysicalDeviceChoice choice = VulkanBootstrap.ChoosePhysicalDevice(vk, instance);
        Device device = VulkanBootstrap.CreateDevice(vk, choice);

        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = 1024,
            Usage = BufferUsageFlags.StorageBufferBit,
            SharingMode = SharingMode.Exclusive,
        };
        VkBuffer buffer;
        Assert.Equal(Result.Success, vk.CreateBuffer(device, &info, null, &buffer));
        debugUtils.SetObjectName(device, ObjectType.Buffer, buffer.Handle, "forgotten buffer");
        Assert.True(validation.Counts.Clean);

        // Wrong on purpose: the buffer is still alive.
        vk.DestroyDevice(device, null);
        debugUtils.DestroyMessenger(instance, messenger);
        vk.DestroyInstance(instance, null);

        // Counted only now that device and instance are gone.
        Assert.True(validation.Saw("VUID-vkDestroyDevice-device-00378"), "expected VUID-vkDestroyDevice-device-00378, saw: " + string.Join(", ", validation.MessageIds.Keys));
        Assert.True(validation.Counts.Errors >= 1);
        // The debug name reaches the message, so validation output names our resources.
        Assert.Contains(validation.Messages, m => m.MessageId == "VUID-vkDestroyDevice-device-00378" && m.Text!.Contains("forgotten buffer", StringComparison.Ordinal));
        // And it is forwarded to Serilog as a structured error.
        Assert.Contains(sink.Events, e => e.Level == Serilog.Events.LogEventLevel.Error
            && e.Properties.TryGetValue("MessageId", out var id) && id.ToString() == "\"VUID-vkDestroyDevice-device-00378\"");
    }
}
