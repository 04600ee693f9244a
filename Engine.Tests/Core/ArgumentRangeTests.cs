using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>Out-of-range arguments are rejected with the allowed range, on a fresh registry and a used one alike.</summary>
public class ArgumentRangeTests
{
    [Theory]
    [InlineData(false, int.MaxValue)]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, -1)]
    [InlineData(true, ResourceRegistry.MaxResources)]
    public void Reserve_beyond_the_capacity_is_rejected_with_the_range(bool afterCreate, int count)
    {
        using var registry = PlainRegistry.Create();
        if (afterCreate)
        {
            registry.Create(new ScopePayload());
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => registry.Reserve<ScopePayload>(count));

        Assert.Equal("count", error.ParamName);
        Assert.Contains("must be between 0 and", error.Message);
        registry.Reserve<ScopePayload>(1000); // a sensible reserve still works
        Assert.Equal(afterCreate ? 1 : 0, registry.Count);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(ResourceRegistry.MaxSizeBytes + 1)]
    [InlineData(-1L)]
    public void A_size_outside_0_to_1_TiB_is_rejected(long bytes)
    {
        using var registry = PlainRegistry.Create();
        var buffer = registry.Create(new BufferPayload(), name: "big");
        registry.SetSizeBytes(buffer, 256);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => registry.SetSizeBytes(buffer, bytes));

        Assert.Contains("BufferPayload \"big\" #0v1 must be between 0 and 1,099,511,627,776 bytes", error.Message);
        Assert.Equal(256, registry.GetInfo(buffer).SizeBytes);
        registry.SetSizeBytes(buffer, ResourceRegistry.MaxSizeBytes);
        Assert.Equal(ResourceRegistry.MaxSizeBytes, registry.GetInfo(buffer).SizeBytes);
    }

    [Fact]
    public void An_unknown_destroy_mode_is_rejected()
    {
        using var registry = PlainRegistry.Create();
        var scope = registry.Create(new ScopePayload());
        Assert.Throws<ArgumentOutOfRangeException>(() => registry.RequestDestroy(scope, (DestroyMode)7));
        Assert.Equal(ResourceState.Alive, registry.StateOf(scope));
    }
}
