using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// A payload type registers once, before its resources: its kind can be replaced only while none of them lives, since
/// their destroy callback must not change under them. A refusal says that rule in one line and changes nothing.
/// </summary>
public class KindRegistrationTests
{
    [Fact]
    public void Kinds_cannot_be_re_registered_while_resources_of_the_type_live()
    {
        var destroyed = new List<string>();
        using var registry = new ResourceRegistry();
        registry.RegisterKind<DevicePayload>("Device", (ref DevicePayload d) => destroyed.Add($"device {d.Native}"));
        var device = registry.Create(new DevicePayload { Native = 1 }, name: "gpu");

        var error = Assert.Throws<InvalidOperationException>(
            () => registry.RegisterKind<DevicePayload>("GPU", (ref DevicePayload d) => destroyed.Add("the replacement ran")));

        Assert.StartsWith("RegisterKind<DevicePayload>(\"GPU\"):", error.Message, StringComparison.Ordinal);
        Assert.Contains("already registered as kind \"Device\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 resource(s) of it live", error.Message, StringComparison.Ordinal);
        Assert.Contains("only while none of its resources lives", error.Message, StringComparison.Ordinal); // the rule
        Assert.DoesNotContain('\n', error.Message);
        // Nothing changed: the kind keeps its name and its callback.
        Assert.Equal("Device \"gpu\" #0v1", registry.Describe(device));
        Assert.Equal(1, registry.CountByKind("Device"));
        registry.RequestDestroy(device);
        registry.Update();
        Assert.Equal(["device 1"], destroyed);
    }

    [Fact]
    public void Once_no_resource_of_the_type_lives_its_kind_can_be_replaced()
    {
        var destroyed = new List<string>();
        using var registry = new ResourceRegistry();
        registry.RegisterKind<DevicePayload>("Device", (ref DevicePayload d) => destroyed.Add($"device {d.Native}"));
        registry.RequestDestroy(registry.Create(new DevicePayload { Native = 1 }));
        registry.Update();

        registry.RegisterKind<DevicePayload>("GPU", (ref DevicePayload d) => destroyed.Add($"gpu {d.Native}"));
        var gpu = registry.Create(new DevicePayload { Native = 2 });
        Assert.Equal("GPU #0v2", registry.Describe(gpu));
        registry.RequestDestroy(gpu);
        registry.Update();

        Assert.Equal(["device 1", "gpu 2"], destroyed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_kind_needs_a_name(string? name)
    {
        using var registry = new ResourceRegistry();

        var error = Assert.ThrowsAny<ArgumentException>(() => registry.RegisterKind<ScopePayload>(name!));

        Assert.Equal("kind", error.ParamName);
        Assert.StartsWith("RegisterKind<ScopePayload>: the kind name is", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => registry.Create(new ScopePayload())); // still unregistered
    }
}
