using Engine.Bench.Baseline;
using Engine.Resources;

namespace Engine.Bench.Forests;

/// <summary>Builds (and ages) the same forests in the registry, the hand-written hierarchy and the naive baseline.</summary>
public static class Forest
{
    /// <summary>How many destroy-and-rebuild cycles of the whole forest make it <see cref="ForestAge.Aged"/>.</summary>
    public const int AgingCycles = 8;

    /// <summary>A registry whose benchmark payloads have a no-op destroy callback, so figures are the registry's overhead.</summary>
    public static ResourceRegistry NewRegistry()
    {
        var registry = new ResourceRegistry();
        registry.RegisterKind<BenchPayload>("Bench", static (ref BenchPayload _) => { });
        return registry;
    }

    public static NaiveRegistry<BenchPayload> NewNaive() => new(static (ref BenchPayload _) => { });

    public static HandWrittenHierarchy<BenchPayload> NewHandWritten() => new(static (ref BenchPayload _) => { });

    /// <summary>Builds the forest and, for <see cref="ForestAge.Aged"/>, destroys and rebuilds all of it
    /// <see cref="AgingCycles"/> times.</summary>
    public static ResourceHandle<BenchPayload>[] Build(ResourceRegistry registry, in ForestLayout layout, ForestAge age, int reserveExtra = 0)
    {
        var roots = Build(registry, layout, reserveExtra);
        var scratch = new ResourceHandle<BenchPayload>[layout.NodesPerRoot];
        for (int cycle = 0; age == ForestAge.Aged && cycle < AgingCycles; cycle++)
        {
            foreach (var root in roots)
            {
                registry.RequestDestroy(root, DestroyMode.Cascade);
            }

            registry.Update();
            for (int r = 0; r < roots.Length; r++)
            {
                roots[r] = BuildTree(registry, layout, scratch);
            }
        }

        return roots;
    }

    public static HandWrittenHandle[] Build(HandWrittenHierarchy<BenchPayload> hierarchy, in ForestLayout layout, ForestAge age, int reserveExtra = 0)
    {
        hierarchy.Reserve(layout.Total + reserveExtra);
        var roots = new HandWrittenHandle[layout.Roots];
        var scratch = new HandWrittenHandle[layout.NodesPerRoot];
        for (int cycle = 0; cycle <= (age == ForestAge.Aged ? AgingCycles : 0); cycle++)
        {
            foreach (var root in roots)
            {
                hierarchy.Destroy(root);
            }

            for (int r = 0; r < roots.Length; r++)
            {
                roots[r] = BuildTree(hierarchy, layout, scratch);
            }
        }

        return roots;
    }

    public static HandWrittenHandle BuildTree(HandWrittenHierarchy<BenchPayload> hierarchy, in ForestLayout layout, HandWrittenHandle[] scratch)
    {
        scratch[0] = hierarchy.Create(new BenchPayload { Value = 0 });
        for (int k = 1; k < layout.NodesPerRoot; k++)
        {
            scratch[k] = hierarchy.Create(new BenchPayload { Value = k }, scratch[layout.ParentIndex(k)]);
        }

        return scratch[0];
    }

    public static NaiveHandle[] Build(NaiveRegistry<BenchPayload> naive, in ForestLayout layout, ForestAge age)
    {
        var roots = Build(naive, layout);
        var scratch = new NaiveHandle[layout.NodesPerRoot];
        for (int cycle = 0; age == ForestAge.Aged && cycle < AgingCycles; cycle++)
        {
            foreach (var root in roots)
            {
                naive.RequestDestroy(root, cascade: true);
            }

            naive.Update(0);
            for (int r = 0; r < roots.Length; r++)
            {
                roots[r] = BuildTree(naive, layout, scratch);
            }
        }

        return roots;
    }

    /// <summary>Builds the whole forest, with room reserved first so that growth happens once; returns the roots.</summary>
    public static ResourceHandle<BenchPayload>[] Build(ResourceRegistry registry, in ForestLayout layout, int reserveExtra = 0)
    {
        registry.Reserve<BenchPayload>(layout.Total + reserveExtra);
        var roots = new ResourceHandle<BenchPayload>[layout.Roots];
        var scratch = new ResourceHandle<BenchPayload>[layout.NodesPerRoot];
        for (int r = 0; r < roots.Length; r++)
        {
            roots[r] = BuildTree(registry, layout, scratch);
        }

        return roots;
    }

    public static ResourceHandle<BenchPayload> BuildTree(ResourceRegistry registry, in ForestLayout layout, ResourceHandle<BenchPayload>[] scratch)
    {
        scratch[0] = registry.Create(new BenchPayload { Value = 0 });
        for (int k = 1; k < layout.NodesPerRoot; k++)
        {
            scratch[k] = registry.Create(new BenchPayload { Value = k }, scratch[layout.ParentIndex(k)]);
        }

        return scratch[0];
    }

    public static NaiveHandle[] Build(NaiveRegistry<BenchPayload> naive, in ForestLayout layout)
    {
        var roots = new NaiveHandle[layout.Roots];
        var scratch = new NaiveHandle[layout.NodesPerRoot];
        for (int r = 0; r < roots.Length; r++)
        {
            roots[r] = BuildTree(naive, layout, scratch);
        }

        return roots;
    }

    public static NaiveHandle BuildTree(NaiveRegistry<BenchPayload> naive, in ForestLayout layout, NaiveHandle[] scratch)
    {
        scratch[0] = naive.Create(new BenchPayload { Value = 0 });
        for (int k = 1; k < layout.NodesPerRoot; k++)
        {
            scratch[k] = naive.Create(new BenchPayload { Value = k }, scratch[layout.ParentIndex(k)]);
        }

        return scratch[0];
    }
}
