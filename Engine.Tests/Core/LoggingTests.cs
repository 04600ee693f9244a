using Engine.Resources;
using Serilog.Events;

namespace Engine.Tests.Core;

public class LoggingTests
{
    [Fact]
    public void Destroyed_and_blocked_events_carry_the_resource_identity_at_their_levels()
    {
        var (logger, sink) = CapturingSink.Create();
        var (registry, _) = DestroyLog.Create(logger);
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "root");
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        registry.RequestDestroy(instance);
        registry.Update();
        registry.RequestDestroy(device);
        registry.Update();

        var blocked = Assert.Single(sink.Events, e => e.Level == LogEventLevel.Debug);
        Assert.Equal("Instance", CapturingSink.Scalar(blocked, "Kind"));
        Assert.Equal("root", CapturingSink.Scalar(blocked, "Name"));
        Assert.Equal("1", CapturingSink.Scalar(blocked, "Frame"));
        Assert.Equal("1", CapturingSink.Scalar(blocked, "ChildCount"));

        var destroyed = sink.Events.Where(e => e.Level == LogEventLevel.Verbose).ToList();
        Assert.Equal(new[] { "gpu", "root" }, destroyed.Select(e => CapturingSink.Scalar(e, "Name")));
        Assert.Equal(device.ToString(), CapturingSink.Scalar(destroyed[0], "Handle"));
        Assert.Equal("2", CapturingSink.Scalar(destroyed[0], "Frame"));
    }

    [Fact]
    public void Nothing_is_logged_below_the_minimum_level()
    {
        var (logger, sink) = CapturingSink.Create(LogEventLevel.Warning);
        var (registry, _) = DestroyLog.Create(logger);
        var instance = registry.Create(new InstancePayload { Native = 1 });
        registry.Create(new DevicePayload { Native = 2 }, instance);
        registry.RequestDestroy(instance);
        registry.Update();
        Assert.Empty(sink.Events);
        registry.Dispose();
        Assert.Single(sink.Events); // the device leaked: a warning
    }

    [Fact]
    public void Rendered_messages_escape_hostile_names_and_properties_keep_them_raw()
    {
        var (logger, sink) = CapturingSink.Create();
        const string hostile = "\u001b[2J\u001b]0;owned\u0007\nDestroyed Buffer \"fake\" #9v9";
        var registry = PlainRegistry.Create(logger);
        var scope = registry.Create(new ScopePayload(), name: hostile);
        registry.RequestDestroy(scope);
        registry.Update();
        registry.Create(new ScopePayload(), name: hostile); // leaked at shutdown
        registry.Shutdown();

        Assert.Equal(3, sink.Events.Count); // destroyed; leaked, then destroyed at shutdown
        foreach (var e in sink.Events)
        {
            string text = e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain(text, c => char.IsControl(c));
            Assert.Contains("ScopePayload \"\\u001B[2J", text);
            Assert.Equal(hostile, CapturingSink.Scalar(e, "Name"));
        }

        Assert.StartsWith("Destroyed ScopePayload \"", sink.Events[0].RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
