using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// <see cref="ResourceRegistry.SetPlacement"/>: a resource records the bytes it occupies in a container it depends on.
/// The placement never names a container that is gone, never survives its resource (a reused slot starts unplaced) and
/// costs nothing per frame.
/// </summary>
public class PlacementTests
{
    private static (ResourceRegistry Registry, ResourceHandle Block, ResourceHandle Range) Placed(long offset = 4096)
    {
        ResourceRegistry registry = PlainRegistry.Create();
        var device = registry.Create(new DevicePayload(), name: "gpu");
        var block = registry.Create(new ImagePayload(), device, "block");
        registry.SetSizeBytes(block, 1 << 20);
        var range = registry.Create(new BufferPayload(), device, "range");
        registry.AddDependency(range, block);
        registry.SetSizeBytes(range, 256);
        registry.SetPlacement(range, block, offset);
        return (registry, block, range);
    }

    [Fact]
    public void A_placement_reads_back_in_PlacementOf_and_GetInfo_and_can_be_replaced()
    {
        var (registry, block, range) = Placed();
        using var _ = registry;

        Assert.Equal(new ResourcePlacement(block, 4096), registry.PlacementOf(range));
        Assert.Equal(new ResourcePlacement(block, 4096), registry.GetInfo(range).Placement);
        Assert.Null(registry.PlacementOf(block));
        Assert.Null(registry.GetInfo(block).Placement);

        registry.SetPlacement(range, block, ResourceRegistry.MaxSizeBytes); // both ends of the range are accepted
        registry.SetPlacement(range, block, 0);
        Assert.Equal(new ResourcePlacement(block, 0), registry.PlacementOf(range));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    [InlineData(ResourceRegistry.MaxSizeBytes + 1)]
    [InlineData(long.MaxValue)]
    public void An_offset_out_of_range_is_refused_naming_both_resources_and_the_range(long offset)
    {
        var (registry, block, range) = Placed();
        using var _ = registry;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => registry.SetPlacement(range, block, offset));

        Assert.Equal("offset", error.ParamName);
        Assert.Contains("SetPlacement: the offset of BufferPayload \"range\"", error.Message);
        Assert.Contains("in ImagePayload \"block\"", error.Message);
        Assert.Contains("between 0 and 1,099,511,627,776 bytes", error.Message);
        Assert.Equal(new ResourcePlacement(block, 4096), registry.PlacementOf(range)); // unchanged
    }

    [Fact]
    public void A_resource_must_depend_on_its_container_even_its_own_parent()
    {
        using var registry = PlainRegistry.Create();
        var block = registry.Create(new ImagePayload(), name: "block");
        var child = registry.Create(new BufferPayload(), block, "child");
        var stranger = registry.Create(new BufferPayload(), name: "stranger");

        var error = Assert.Throws<ResourceHierarchyException>(() => registry.SetPlacement(stranger, block, 0));
        Assert.StartsWith("SetPlacement: BufferPayload \"stranger\" #2v1 cannot be placed in ImagePayload \"block\" #0v1: it does not depend on it; call AddDependency(resource, container) first", error.Message);
        // The one rule is the dependency: a child outlives nothing of its parent's, but the rule stays one rule.
        Assert.Throws<ResourceHierarchyException>(() => registry.SetPlacement(child, block, 0));
        var self = Assert.Throws<ResourceHierarchyException>(() => registry.SetPlacement(block, block, 0));
        Assert.Contains("cannot be placed in itself", self.Message);
        // The other way round the dependency does not count either.
        registry.AddDependency(block, stranger);
        Assert.Throws<ResourceHierarchyException>(() => registry.SetPlacement(stranger, block, 0));
        Assert.Null(registry.PlacementOf(stranger));
        Assert.Null(registry.PlacementOf(child));

        registry.AddDependency(child, block);
        registry.SetPlacement(child, block, 64);
        Assert.Equal(64, registry.PlacementOf(child)!.Value.Offset);
    }

    [Fact]
    public void Stale_and_foreign_handles_are_refused_by_name()
    {
        var (registry, block, range) = Placed();
        using var _ = registry;
        using var other = PlainRegistry.Create();
        var foreign = other.Create(new ImagePayload(), name: "elsewhere");
        var gone = registry.Create(new ImagePayload(), name: "gone");
        registry.RequestDestroy(gone);
        registry.Update();

        Assert.Contains("SetPlacement", Assert.Throws<StaleHandleException>(() => registry.SetPlacement(range, gone, 0)).Message);
        Assert.Contains("SetPlacement", Assert.Throws<StaleHandleException>(() => registry.SetPlacement(gone, block, 0)).Message);
        Assert.Contains("another registry", Assert.Throws<ForeignHandleException>(() => registry.SetPlacement(range, foreign, 0)).Message);
        Assert.Contains("PlacementOf", Assert.Throws<StaleHandleException>(() => registry.PlacementOf(gone)).Message);
    }

    [Fact]
    public void A_destroy_callback_cannot_place()
    {
        using var registry = PlainRegistry.Create();
        ResourceHandle block = default, range = default;
        registry.RegisterKind<ScopePayload>("Scope", (ref ScopePayload _) => registry.SetPlacement(range, block, 0));
        block = registry.Create(new ImagePayload(), name: "block");
        range = registry.Create(new BufferPayload(), name: "range");
        registry.AddDependency(range, block);
        var scope = registry.Create(new ScopePayload(), name: "scope");
        registry.RequestDestroy(scope);
        registry.Update();

        Assert.Equal(ResourceState.Faulted, registry.StateOf(scope));
        Assert.Contains("SetPlacement cannot be called from inside the destroy callback of Scope \"scope\"", registry.GetInfo(scope).FaultMessage);
        Assert.Null(registry.PlacementOf(range));
        registry.Abandon(scope);
    }

    [Fact]
    public void The_placement_goes_with_its_resource_and_a_reused_slot_starts_unplaced()
    {
        var (registry, block, range) = Placed();
        using var _ = registry;
        registry.RequestDestroy(range);
        registry.Update();
        Assert.False(registry.IsAlive(range));

        var reused = registry.Create(new BufferPayload(), name: "next");
        Assert.Equal(range.Id, reused.Id); // the same slot, a new resource
        Assert.Null(registry.PlacementOf(reused));
        Assert.Null(registry.GetInfo(reused).Placement);
        registry.RequestDestroy(block);
        registry.Update();
        Assert.False(registry.IsAlive(block)); // nothing holds the container any more
    }

    [Fact]
    public void Removing_the_dependency_on_the_container_removes_the_placement_and_only_that_one()
    {
        var (registry, block, range) = Placed();
        using var _ = registry;
        var other = registry.Create(new ImagePayload(), name: "other");
        registry.AddDependency(range, other);

        registry.RemoveDependency(range, other);
        Assert.Equal(new ResourcePlacement(block, 4096), registry.PlacementOf(range));
        registry.RemoveDependency(range, block);
        Assert.Null(registry.PlacementOf(range));
    }

    [Fact]
    public void Placing_a_sub_allocation_every_frame_allocates_nothing()
    {
        using var registry = PlainRegistry.Create();
        var device = registry.Create(new DevicePayload(), name: "gpu");
        var block = registry.Create(new ImagePayload(), device, "block");
        registry.SetSizeBytes(block, 1 << 20);
        var live = new Queue<ResourceHandle>();

        void Frame(int frame)
        {
            for (int i = 0; i < 8; i++)
            {
                var range = registry.Create(new BufferPayload { Native = i }, device);
                registry.AddDependency(range, block);
                registry.SetSizeBytes(range, 256);
                registry.SetPlacement(range, block, (frame % 3 * 8 + i) * 256L);
                live.Enqueue(range);
            }

            while (live.Count > 16) // two frames of ranges live at once
            {
                registry.RequestDestroy(live.Dequeue());
            }

            registry.Update();
        }

        int frame = 0;
        for (; frame < 100; frame++)
        {
            Frame(frame);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (; frame < 1100; frame++)
        {
            Frame(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(16, registry.DependentsOf(block).Count);
        Assert.All(live, r => Assert.Equal(block, registry.PlacementOf(r)!.Value.Container));
    }
}
