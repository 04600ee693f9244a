using Engine.Bench.Baseline;
using Engine.Resources;

namespace Engine.Bench.Forests;

/// <summary>Builds the same forests in the registry and in the naive baseline.</summary>
public static class Forest
{
    /// <summary>A registry whose benchmark payloads have a no-op destroy callback, so figures are the registry's overhead.</summary>
    public static ResourceRegistry NewRegistry()
    {
        var registry = new ResourceRegistry();
        registry.RegisterKind<BenchPayload>("Bench", static (ref BenchPayload _) => { });
        return registry;
    }

    public static NaiveRegistry<BenchPayload> NewNaive() => new(static (ref BenchPayload _) => { });

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
