using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>Marking a whole submission's resources in one call: all or nothing, allocation-free.</summary>
public class BatchMarkInUseTests
{
    [Fact]
    public void Every_handle_is_marked_with_the_value()
    {
        using var registry = PlainRegistry.Create();
        ResourceHandle[] used = [.. Enumerable.Range(0, 5).Select(i => (ResourceHandle)registry.Create(new BufferPayload { Native = i }))];

        registry.MarkInUse(used, 7);

        Assert.All(used, h => Assert.Equal(7UL, registry.GetInfo(h).LastGpuUse));
        registry.MarkInUse(used.AsSpan(0, 2), 3); // an older value never lowers the last use
        Assert.Equal(7UL, registry.GetInfo(used[0]).LastGpuUse);
    }

    [Fact]
    public void A_stale_handle_in_the_batch_marks_none()
    {
        using var registry = PlainRegistry.Create();
        var a = registry.Create(new BufferPayload { Native = 1 });
        var gone = registry.Create(new BufferPayload { Native = 2 });
        var b = registry.Create(new BufferPayload { Native = 3 });
        registry.RequestDestroy(gone);
        registry.Update();

        Assert.Throws<StaleHandleException>(() => registry.MarkInUse([a, gone, b], 9));

        Assert.Equal(0UL, registry.GetInfo(a).LastGpuUse);
        Assert.Equal(0UL, registry.GetInfo(b).LastGpuUse);
    }

    [Fact]
    public void Marking_a_batch_allocates_nothing()
    {
        using var registry = PlainRegistry.Create();
        ResourceHandle[] used = [.. Enumerable.Range(0, 64).Select(i => (ResourceHandle)registry.Create(new BufferPayload { Native = i }))];
        registry.MarkInUse(used, 1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (ulong v = 2; v < 1000; v++)
        {
            registry.MarkInUse(used, v);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
