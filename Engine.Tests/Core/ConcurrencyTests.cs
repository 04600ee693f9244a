using Engine.Resources;

namespace Engine.Tests.Core;

public class ConcurrencyTests
{
    [Fact]
    public void Requests_from_many_threads_during_updates_destroy_each_resource_exactly_once()
    {
        using var registry = PlainRegistry.Create();
        var destroyed = new int[4000];
        registry.RegisterKind<BufferPayload>("Buffer", (ref BufferPayload p) => destroyed[p.Native]++);
        var roots = new List<ResourceHandle<ScopePayload>>();
        var buffers = new ResourceHandle[4000];
        for (int r = 0; r < 40; r++)
        {
            var root = registry.Create(new ScopePayload { Frame = r });
            roots.Add(root);
            for (int i = 0; i < 100; i++)
            {
                int n = (r * 100) + i;
                buffers[n] = registry.Create(new BufferPayload { Native = n }, root);
            }
        }

        int stale = 0;
        int queued = 0;
        using var start = new Barrier(5);
        var workers = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            // Disjoint: every thread its own quarter; overlapping: every thread the whole first half, shuffled.
            var mine = Enumerable.Range(0, 4000).Where(n => n % 4 == t).Concat(Enumerable.Range(0, 2000).OrderBy(n => (n * 7919 * (t + 1)) % 2003));
            foreach (int n in mine)
            {
                var result = registry.RequestDestroy(buffers[n], n % 3 == 0 ? DestroyMode.Cascade : DestroyMode.Block);
                if (result == DestroyRequestResult.Stale)
                {
                    Interlocked.Increment(ref stale);
                }
                else if (result == DestroyRequestResult.Queued)
                {
                    Interlocked.Increment(ref queued);
                }
            }
        })).ToArray();

        // Plain threads: the test thread owns the registry and must stay the one that updates it.
        foreach (var worker in workers)
        {
            worker.Start();
        }

        start.SignalAndWait(TestContext.Current.CancellationToken);
        while (workers.Any(w => w.IsAlive))
        {
            registry.Update();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        registry.Update();

        Assert.All(destroyed, count => Assert.Equal(1, count));
        Assert.Equal(40, registry.Count);
        Assert.True(queued >= 4000, $"queued {queued}");
        foreach (var root in roots)
        {
            Assert.Equal(0, registry.ChildCount(root));
        }
    }
}
