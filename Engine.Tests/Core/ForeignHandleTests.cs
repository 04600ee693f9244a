using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>A handle is only valid with the registry that issued it: any other registry says so and changes nothing.</summary>
public class ForeignHandleTests
{
    [Fact]
    public void A_handle_from_another_registry_is_recognised_not_mistaken_for_the_local_slot()
    {
        using var mine = PlainRegistry.Create();
        using var theirs = PlainRegistry.Create();
        var local = mine.Create(new ScopePayload { Frame = 1 }, name: "local"); // #0v1 here...
        var foreign = theirs.Create(new ScopePayload { Frame = 2 }, name: "foreign"); // ...and #0v1 there

        Assert.Equal(local.Entity, foreign.Entity);
        Assert.NotEqual(local, foreign);
        Assert.False(mine.IsAlive(foreign));

        var get = Assert.Throws<ForeignHandleException>(() => mine.Get(foreign));
        Assert.Contains("was issued by another registry", get.Message);
        Assert.Equal(foreign.Untyped, get.Handle);
        Assert.Throws<ForeignHandleException>(() => mine.RequestDestroy(foreign, DestroyMode.Cascade));
        Assert.Throws<ForeignHandleException>(() => mine.Create(new ScopePayload(), foreign));
        Assert.Throws<ForeignHandleException>(() => mine.SetParent(local, foreign));
        Assert.Throws<ForeignHandleException>(() => mine.GetInfo(foreign));
        Assert.Contains("another registry", mine.Describe(foreign));

        mine.Update();
        Assert.True(mine.IsAlive(local));
        Assert.Equal(1, mine.Get(local).Frame);
        Assert.Equal(ResourceState.Alive, mine.StateOf(local));
        Assert.True(theirs.IsAlive(foreign));
    }

    [Fact]
    public void The_null_handle_is_stale_not_foreign()
    {
        using var registry = PlainRegistry.Create();
        Assert.Equal(DestroyRequestResult.Stale, registry.RequestDestroy(ResourceHandle.Null));
        var error = Assert.Throws<StaleHandleException>(() => registry.GetInfo(ResourceHandle.Null));
        Assert.Contains("null", error.Message);
    }
}
