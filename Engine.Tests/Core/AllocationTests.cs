using Engine.Resources;

namespace Engine.Tests.Core;

public class AllocationTests
{
    /// <summary>One steady-state frame: create transient resources under a per-frame scope, mark some in use,
    /// release last frame's scope by cascade and a few by block, and update with an advancing GPU timeline.</summary>
    private static void Frame(ResourceRegistry registry, ResourceHandle device, ref ResourceHandle previousScope, ulong frame)
    {
        var scope = registry.Create(new ScopePayload { Frame = (int)frame }, device);
        for (int i = 0; i < 20; i++)
        {
            var buffer = registry.Create(new BufferPayload { Native = i }, scope);
            if (i % 4 == 0)
            {
                registry.MarkInUse(buffer, frame);
            }
        }

        if (!previousScope.IsNull)
        {
            registry.RequestDestroy(previousScope, DestroyMode.Cascade);
        }

        previousScope = scope;
        registry.Update(frame >= 2 ? frame - 2 : 0); // two frames in flight
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // an inspector attached: every update records its frame counters
    public void Steady_state_frames_with_churn_allocate_nothing(bool frameCounterFeedOpen)
    {
        var (registry, _) = DestroyLog.Create();
        using var _r = registry;
        using var feed = frameCounterFeedOpen ? registry.OpenFrameCounterFeed() : null;
        registry.RegisterKind<BufferPayload, DevicePayload>("Buffer", (ref BufferPayload b, ref DevicePayload d) => { });
        var instance = registry.Create(new InstancePayload { Native = 1 });
        var device = registry.Create(new DevicePayload { Native = 2 }, instance);
        ResourceHandle previous = ResourceHandle.Null;
        ulong frame = 1;
        for (; frame <= 200; frame++)
        {
            Frame(registry, device, ref previous, frame); // warm-up: pools and queues reach their steady size
        }

        // Five blocks of 200 frames. The registry must allocate nothing in a steady frame; the runtime itself may, once,
        // on the test thread (a full-suite run once showed 7,336 B in one block, never reproduced alone: tiering or a
        // type load), so one block in five may be non-zero, never more — a real per-frame allocation shows in all five.
        var blocks = new long[5];
        for (int b = 0; b < blocks.Length; b++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++, frame++)
            {
                Frame(registry, device, ref previous, frame);
            }

            blocks[b] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(blocks.Count(bytes => bytes != 0) <= 1, $"bytes allocated per block of 200 frames: {string.Join(", ", blocks)}");
        Assert.True(registry.Count < 100, $"resources must not pile up, {registry.Count} live");
    }

    [Fact]
    public void Idle_updates_allocate_nothing()
    {
        using var registry = PlainRegistry.Create();
        for (int i = 0; i < 1000; i++)
        {
            registry.Create(new ScopePayload());
        }

        registry.Update();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            registry.Update();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
