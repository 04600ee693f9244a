using Engine.Resources;

namespace Engine.Bench.Forests;

/// <summary>The live wide forest the snapshot benchmarks capture.</summary>
public abstract class SnapshotForest : LiveBenchmark
{
    protected ResourceRegistry Forest { get; private set; } = null!;

    protected void BuildForest()
    {
        Forest = Forests.Forest.NewRegistry();
        Forests.Forest.Build(Forest, new ForestLayout(ForestShape.Wide, Live));
    }
}
