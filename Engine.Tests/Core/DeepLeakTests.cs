using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>The leak report is linear in the depth of the forest: paths share their ancestors and are built on demand.</summary>
public class DeepLeakTests
{
    [Fact]
    public void A_leaked_chain_100000_deep_shuts_down_in_linear_memory()
    {
        const int depth = 100_000;
        var registry = PlainRegistry.Create();
        ResourceHandle parent = ResourceHandle.Null;
        for (int i = 0; i < depth; i++)
        {
            parent = registry.Create(new ScopePayload { Frame = i }, parent, $"level {i}");
        }

        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = registry.Shutdown();
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(depth, report.Leaks.Count);
        Assert.Equal(depth, report.Destroyed);
        Assert.True(allocated < 100_000_000, $"shutdown allocated {allocated:N0} bytes");
        // Quadratic work would take minutes here; linear takes well under a second even in a debug build on a slow machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"shutdown took {clock.Elapsed}");

        var deepest = report.Leaks[^1];
        Assert.Equal(depth - 1, deepest.Path.Depth);
        Assert.Equal("ScopePayload \"level 0\" #0v1", report.Leaks[0].Path.ToString());
        string shown = deepest.ToString();
        Assert.Contains("at ScopePayload \"level 0\" #0v1 / … (99984 more) / ScopePayload \"level 99985\" #99985v1 / ", shown);
        Assert.EndsWith("ScopePayload \"level 99999\" #99999v1", shown);
        Assert.Equal(depth, deepest.Path.ToString().Split(ResourcePath.Separator).Length);
    }
}
