using Engine.Resources;
using Engine.Resources.Counters;

namespace Engine.Tests.Core;

public class FrameCounterTests
{
    private static (ResourceRegistry Registry, ResourceHandle Device) Forest()
    {
        var (registry, _) = DestroyLog.Create();
        registry.RegisterKind<BufferPayload, DevicePayload>("Buffer", (ref BufferPayload b, ref DevicePayload d) => { });
        var instance = registry.Create(new InstancePayload { Native = 1 });
        return (registry, registry.Create(new DevicePayload { Native = 2 }, instance));
    }

    private static FrameCounters[] ReadAll(FrameCounterFeed feed)
    {
        var into = new FrameCounters[2048];
        return into.AsSpan(0, feed.Read(into)).ToArray();
    }

    [Fact]
    public void Each_update_records_what_the_frame_created_destroyed_and_left_waiting()
    {
        var (registry, device) = Forest();
        using var _r = registry;
        using var feed = registry.OpenFrameCounterFeed();
        registry.Update(); // sets the baseline: nothing recorded yet
        Assert.Empty(ReadAll(feed));

        var a = registry.Create(new BufferPayload { Native = 10 }, device);
        var parent = registry.Create(new ScopePayload(), device);
        registry.Create(new BufferPayload { Native = 11 }, parent);
        registry.MarkInUse(registry.Create(new BufferPayload { Native = 12 }, device), 5);
        registry.RequestDestroy(a);
        registry.RequestDestroy(parent); // blocked by its live child
        registry.Update(0);

        FrameCounters frame = Assert.Single(ReadAll(feed));
        Assert.Equal(new FrameCounters(registry.Frame, Created: 4, Destroyed: 1, Faulted: 0, Resources: registry.Count, Pending: 0, Blocked: 1, WaitingForGpu: 0), frame);
        Assert.Equal(5, registry.Count);

        registry.Update(0);
        registry.Update(0);
        FrameCounters[] quiet = ReadAll(feed);
        Assert.Equal([registry.Frame - 1, registry.Frame], quiet.Select(f => f.Frame));
        Assert.All(quiet, f => Assert.Equal((0, 0, 1), (f.Created, f.Destroyed, f.Blocked)));
    }

    [Fact]
    public void Nothing_is_recorded_while_no_feed_is_open()
    {
        var (registry, device) = Forest();
        using var _r = registry;
        var first = registry.OpenFrameCounterFeed();
        registry.Update();
        registry.Update();
        first.Dispose();
        for (int i = 0; i < 10; i++)
        {
            registry.Create(new BufferPayload { Native = i }, device);
            registry.Update();
        }

        using var second = registry.OpenFrameCounterFeed();
        Assert.Empty(ReadAll(second));
        registry.Update(); // baseline again: the creations above are not attributed to a frame that did not make them
        registry.Create(new BufferPayload { Native = 99 }, device);
        registry.Update();
        FrameCounters frame = Assert.Single(ReadAll(second));
        Assert.Equal(1, frame.Created);
        Assert.Throws<ObjectDisposedException>(() => first.Read(new FrameCounters[1]));
    }

    [Fact]
    public void Feeds_read_independently_and_the_last_one_closed_stops_recording()
    {
        var (registry, _) = Forest();
        using var _r = registry;
        var one = registry.OpenFrameCounterFeed();
        var two = registry.OpenFrameCounterFeed();
        registry.Update();
        registry.Update();
        registry.Update();
        Assert.Equal(2, ReadAll(one).Length);
        one.Dispose();
        one.Dispose(); // twice is harmless and does not close the other feed's recording
        registry.Update();
        Assert.Equal(3, ReadAll(two).Length);
        two.Dispose();
        registry.Update();

        using var three = registry.OpenFrameCounterFeed();
        Assert.Empty(ReadAll(three));
    }

    [Fact]
    public void A_reader_that_falls_behind_loses_the_oldest_frames_and_is_told_how_many()
    {
        var (registry, _) = Forest();
        using var _r = registry;
        using var feed = registry.OpenFrameCounterFeed();
        registry.Update();
        for (int i = 0; i < 1500; i++)
        {
            registry.Update();
        }

        var small = new FrameCounters[1000];
        Assert.Equal(1000, feed.Read(small));
        Assert.Equal(476, feed.Missed);
        Assert.Equal(registry.Frame - 1023, small[0].Frame);
        Assert.Equal(24, ReadAll(feed).Length);
        Assert.Equal(registry.Frame, small[0].Frame + 1023);
    }

    [Fact]
    public void A_reader_on_another_thread_sees_frames_whole_once_in_order_and_is_told_what_it_missed()
    {
        var (registry, device) = Forest();
        using var _r = registry;
        using var feed = registry.OpenFrameCounterFeed();
        registry.Update();
        long start = registry.Frame;
        var seen = new List<FrameCounters>();
        using var done = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            var into = new FrameCounters[64];
            while (true)
            {
                bool finished = done.IsSet; // read before the last read: nothing is recorded after done is set
                int n = feed.Read(into);
                seen.AddRange(into.AsSpan(0, n).ToArray());
                if (n == 0 && finished)
                {
                    break;
                }
            }
        });
        reader.Start();

        for (int i = 0; i < 20_000; i++)
        {
            // Frame f creates and destroys f % 3 + 1 buffers: a slot torn between two frames would not add up.
            for (long k = (registry.Frame + 1) % 3 + 1; k > 0; k--)
            {
                registry.RequestDestroy(registry.Create(new BufferPayload { Native = i }, device));
            }

            registry.Update();
            if (i % 512 == 0)
            {
                Thread.Sleep(1); // let the reader keep up: the ring holds 1,024 frames
            }
        }

        done.Set();
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)));
        // The owner never waits for a reader: a reader that fell behind (a loaded machine) is told what it missed,
        // and what it did see is whole, in order and never twice.
        Assert.Equal(20_000, seen.Count + feed.Missed);
        Assert.True(seen.Count > 0);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Frame > p.First.Frame), "frames out of order or twice");
        Assert.All(seen, f => Assert.InRange(f.Frame, start + 1, start + 20_000));
        Assert.All(seen, f => Assert.Equal(((int)(f.Frame % 3) + 1, (int)(f.Frame % 3) + 1, 2), (f.Created, f.Destroyed, f.Resources))); // instance and device stay
    }

    [Fact]
    public void A_shut_down_registry_opens_no_feed()
    {
        var (registry, _) = Forest();
        registry.Dispose();
        Assert.Throws<ObjectDisposedException>(() => registry.OpenFrameCounterFeed());
    }
}
