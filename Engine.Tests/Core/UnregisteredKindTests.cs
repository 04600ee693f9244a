using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// A payload type nobody registered has no destroy callback by accident: its resources would leave the registry with
/// nothing destroyed. Every way of creating one is refused with one line naming the call and the type, and the
/// refusal changes nothing: no resource, no slot, no held parent.
/// </summary>
public class UnregisteredKindTests
{
    private struct Forgotten
    {
        public int Native;
    }

    public static TheoryData<string> CreationPaths => new()
    {
        "Create", "Create under a parent", "Create with flags", "EnsureCanCreate", "BeginCreate", "BeginCreate on another thread",
    };

    private static void TryCreate(ResourceRegistry registry, ResourceHandle parent, string path)
    {
        switch (path)
        {
            case "Create": registry.Create(new Forgotten { Native = 1 }, name: "lost"); break;
            case "Create under a parent": registry.Create(new Forgotten { Native = 1 }, parent, "lost"); break;
            case "Create with flags": registry.Create(new Forgotten(), parent, "lost", ResourceFlags.ExplicitRelease); break;
            case "EnsureCanCreate": registry.EnsureCanCreate<Forgotten>(parent, "lost"); break;
            case "BeginCreate": registry.BeginCreate<Forgotten>(parent, "lost"); break;
            default: OnOtherThread(() => registry.BeginCreate<Forgotten>(parent, "lost")); break;
        }
    }

    private static string Call(string path) => path switch
    {
        "EnsureCanCreate" => "EnsureCanCreate",
        "BeginCreate" or "BeginCreate on another thread" => "BeginCreate",
        _ => "Create",
    };

    [Theory]
    [MemberData(nameof(CreationPaths))]
    public void Every_creation_path_refuses_an_unregistered_type_naming_the_call_and_the_type(string path)
    {
        using var registry = PlainRegistry.Create();
        var device = registry.Create(new DevicePayload(), name: "gpu");

        var error = Assert.Throws<InvalidOperationException>(() => TryCreate(registry, device, path));

        Assert.StartsWith($"{Call(path)}<Forgotten>:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Forgotten is not a registered kind", error.Message, StringComparison.Ordinal);
        Assert.Contains("RegisterKind<Forgotten>(", error.Message, StringComparison.Ordinal);
        Assert.Contains("without one", error.Message, StringComparison.Ordinal); // how to register a kind with nothing to destroy
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [MemberData(nameof(CreationPaths))]
    public void A_refused_creation_changes_nothing(string path)
    {
        using var registry = PlainRegistry.Create();
        var device = registry.Create(new DevicePayload(), name: "gpu");                 // #0v1
        registry.RequestDestroy(registry.Create(new ScopePayload(), device, "freed")); // #1v1, freed: next there is #1v2
        registry.Update();
        string before = State(registry, device);

        Assert.Throws<InvalidOperationException>(() => TryCreate(registry, device, path));
        registry.Update(); // a creation begun anyway would join (or hold the device) here

        Assert.Equal(before, State(registry, device));
        // No slot taken: the free slot and the next fresh one are still the next two a creation gets.
        Assert.Equal("#1v2", registry.Create(new ScopePayload(), device).ToString());
        Assert.Equal("#2v1", registry.Create(new ScopePayload(), device).ToString());
        // The device is held by nothing a refused creation left behind: a cascade takes it in one update.
        registry.RequestDestroy(device, DestroyMode.Cascade);
        Assert.Equal(3, registry.Update().Destroyed);
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void A_kind_with_no_destroy_callback_is_registered_without_one_and_then_created_and_destroyed()
    {
        using var registry = PlainRegistry.Create();
        Assert.Throws<InvalidOperationException>(() => registry.Create(new Forgotten()));

        registry.RegisterKind<Forgotten>("Scope without callback");
        var created = registry.Create(new Forgotten { Native = 5 }, name: "frame");
        var joining = OnOtherThread(() => registry.BeginCreate<Forgotten>(created, "streamed").Complete(new Forgotten { Native = 6 }));
        registry.Update();

        Assert.Equal("Scope without callback \"frame\" #0v1", registry.Describe(created));
        Assert.True(registry.IsAlive(joining));
        Assert.Equal(2, registry.CountByKind("Scope without callback"));
        registry.RequestDestroy(created, DestroyMode.Cascade);
        Assert.Equal(2, registry.Update().Destroyed);
    }

    private static string State(ResourceRegistry registry, ResourceHandle device) =>
        $"count {registry.Count}, kinds {string.Join(",", registry.CountsByKind())}, " +
        $"alive {registry.CountByState(ResourceState.Alive)}, device {registry.StateOf(device)} with {registry.ChildCount(device)} children";

    private static T OnOtherThread<T>(Func<T> action)
    {
        T result = default!;
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception error)
            {
                caught = error;
            }
        });
        thread.Start();
        thread.Join();
        return caught is null ? result : throw caught;
    }
}
