using System.Runtime.CompilerServices;
using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// A stale handle's error names the call and, while its slot has not been used again, the resource it named (kind and
/// name, as every label); once the slot was used again, it says so and names nothing it cannot know.
/// </summary>
public class StaleHandleMessageTests
{
    [Fact]
    public void A_destroyed_resource_is_named_with_the_call_that_used_its_handle()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 }, name: "vulkan");
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var buffer = registry.Create(new BufferPayload { Native = 3 }, device, "vertices"); // #2v1
        registry.RequestDestroy(buffer);
        registry.Update();

        var get = Assert.Throws<StaleHandleException>(() => registry.Get(buffer));
        Assert.StartsWith("Get: Buffer \"vertices\" #2v1 was destroyed", get.Message, StringComparison.Ordinal);
        Assert.Contains("stale", get.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", get.Message, StringComparison.Ordinal); // what the slot is at now
        Assert.DoesNotContain('\n', get.Message);
        Assert.Equal(buffer.Untyped, get.Handle);
        Assert.StartsWith("GetInfo: Buffer \"vertices\" #2v1", Assert.Throws<StaleHandleException>(() => registry.GetInfo(buffer)).Message, StringComparison.Ordinal);
        Assert.StartsWith("MarkInUse: Buffer \"vertices\" #2v1", Assert.Throws<StaleHandleException>(() => registry.MarkInUse(buffer, 1)).Message, StringComparison.Ordinal);
        Assert.StartsWith("SetParent: Buffer \"vertices\" #2v1", Assert.Throws<StaleHandleException>(() => registry.SetParent(buffer, device)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Create: Buffer \"vertices\" #2v1", Assert.Throws<StaleHandleException>(() => registry.Create(new BufferPayload(), buffer)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_destroyed_by_a_cascade_walk_and_unnamed_ones_are_named_too()
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        var scope = registry.Create(new ScopePayload(), device, "frame 7");
        var buffer = registry.Create(new BufferPayload { Native = 3 }, scope, "transient");
        registry.RequestDestroy(device, DestroyMode.Cascade);
        registry.Update();

        Assert.Contains("Scope \"frame 7\" #2v1 was destroyed", Assert.Throws<StaleHandleException>(() => registry.GetInfo(scope)).Message, StringComparison.Ordinal);
        Assert.Contains("Buffer \"transient\" #3v1 was destroyed", Assert.Throws<StaleHandleException>(() => registry.GetInfo(buffer)).Message, StringComparison.Ordinal);
        Assert.Contains("Device \"gpu\" #1v1 was destroyed", Assert.Throws<StaleHandleException>(() => registry.GetInfo(device)).Message, StringComparison.Ordinal);
        registry.RequestDestroy(instance);
        registry.Update();
        Assert.Contains("Instance #0v1 was destroyed", Assert.Throws<StaleHandleException>(() => registry.GetInfo(instance)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_the_slot_is_used_again_the_error_says_so_and_names_neither_resource()
    {
        using var registry = PlainRegistry.Create();
        var first = registry.Create(new ScopePayload(), name: "first");
        registry.RequestDestroy(first);
        registry.Update();
        var second = registry.Create(new BufferPayload(), name: "second"); // the same slot, version 2

        var reused = Assert.Throws<StaleHandleException>(() => registry.Get(first)).Message;
        Assert.StartsWith("Get: resource handle #0v1 is stale", reused, StringComparison.Ordinal);
        Assert.Contains($"now holds {second}", reused, StringComparison.Ordinal);
        Assert.Contains("no longer known", reused, StringComparison.Ordinal);
        Assert.DoesNotContain("first", reused, StringComparison.Ordinal);
        Assert.DoesNotContain("second", reused, StringComparison.Ordinal);
        Assert.DoesNotContain("Payload", reused, StringComparison.Ordinal);

        registry.RequestDestroy(second);
        registry.Update(); // free again, at version 3: the first handle is two frees behind, the second one free behind
        string freedTwice = Assert.Throws<StaleHandleException>(() => registry.Get(first)).Message;
        Assert.Contains("used again since", freedTwice, StringComparison.Ordinal);
        Assert.DoesNotContain("second", freedTwice, StringComparison.Ordinal);
        Assert.Contains("BufferPayload \"second\" #0v2 was destroyed", Assert.Throws<StaleHandleException>(() => registry.GetInfo(second)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_in_a_reused_slot_does_not_inherit_the_name_left_there()
    {
        using var registry = PlainRegistry.Create();
        var named = registry.Create(new ScopePayload(), name: "named");
        registry.RequestDestroy(named);
        registry.Update();

        var unnamed = registry.Create(new ScopePayload()); // the same slot, no name

        Assert.Equal("ScopePayload #0v2", registry.Describe(unnamed));
        Assert.Null(registry.GetInfo(unnamed).Name);
    }

    [Fact]
    public void A_cancelled_creation_in_a_reused_slot_is_never_named_after_the_slot_s_earlier_resource()
    {
        using var registry = PlainRegistry.Create();
        var old = registry.Create(new ScopePayload(), name: "old"); // #0v1
        registry.RequestDestroy(old);
        registry.Update();
        var fresh = registry.BeginCreate<ScopePayload>(name: "never made"); // the free slots are set aside at updates: a fresh one, #1v1
        fresh.Cancel();
        registry.Update(); // sets slot 0 aside for creations on other threads, gives #1 back
        var reusing = registry.BeginCreate<ScopePayload>(name: "never made either");
        Assert.Equal("#0v2", reusing.Handle.ToString());
        reusing.Cancel();
        registry.Update(); // slot 0 moves on to version 3 with no resource in it

        foreach (var cancelled in new[] { fresh.Handle, reusing.Handle })
        {
            string message = Assert.Throws<StaleHandleException>(() => registry.Get(cancelled)).Message;
            Assert.Contains("cancelled", message, StringComparison.Ordinal);
            Assert.DoesNotContain("old", message, StringComparison.Ordinal);
        }

        Assert.Contains("used again since", Assert.Throws<StaleHandleException>(() => registry.Get(old)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_its_payload_type_is_registered_again_a_destroyed_resource_is_not_named_under_the_new_kind()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<ScopePayload>("Scope");
        registry.RegisterKind<BufferPayload>("Buffer");
        var scope = registry.Create(new ScopePayload(), name: "frame");   // #0v1
        var buffer = registry.Create(new BufferPayload(), name: "vertices"); // #1v1, another type
        var kept = registry.Create(new ScopePayload(), name: "kept");      // #2v1, alive through the re-registration
        registry.RequestDestroy(scope);
        registry.RequestDestroy(buffer);
        registry.RequestDestroy(kept);
        registry.Update();
        kept = registry.Create(new ScopePayload(), name: "kept");          // #2v2

        Assert.Throws<InvalidOperationException>(() => registry.RegisterKind<ScopePayload>("Pass")); // one lives
        registry.RequestDestroy(kept);
        registry.Update();
        registry.RegisterKind<ScopePayload>("Pass");

        string message = Assert.Throws<StaleHandleException>(() => registry.GetInfo(scope)).Message;
        Assert.Contains("registered again", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"frame\"", message, StringComparison.Ordinal);
        Assert.Contains("registered again", Assert.Throws<StaleHandleException>(() => registry.GetInfo(kept)).Message, StringComparison.Ordinal);
        // Another type's freed slot still names its resource.
        Assert.Contains("Buffer \"vertices\" #1v1 was destroyed", Assert.Throws<StaleHandleException>(() => registry.GetInfo(buffer)).Message, StringComparison.Ordinal);
        Assert.Equal("Pass \"next\" #2v3", registry.Describe(registry.Create(new ScopePayload(), name: "next")));
    }

    [Fact]
    public void A_destroyed_resource_s_name_is_held_only_until_its_slot_is_used_again()
    {
        using var registry = PlainRegistry.Create();
        var (handle, name) = CreateNamed(registry);
        registry.RequestDestroy(handle);
        registry.Update();
        GC.Collect();
        Assert.True(name.IsAlive, "kept for the stale handle's error");

        registry.Create(new ScopePayload(), name: "next"); // the same slot
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(name.IsAlive, "the name outlived its slot's reuse");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ResourceHandle Handle, WeakReference Name) CreateNamed(ResourceRegistry registry)
    {
        string name = new('n', 40); // a string of its own, not an interned literal
        return (registry.Create(new ScopePayload(), name: name), new WeakReference(name));
    }
}
