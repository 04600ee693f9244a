namespace Engine.Bench.Forests;

public enum ForestShape
{
    /// <summary>1,000 roots, each a tree of fan-out 10 holding live / 1,000 resources.</summary>
    Wide,

    /// <summary>Chains of depth 1,000 (live / 1,000 of them).</summary>
    Deep,

    /// <summary>Every resource is a root.</summary>
    Flat,

    /// <summary>Breadth-first trees of 1,000 resources, fan-out 10 (live / 1,000 of them): an engine's device
    /// subtrees. At 1M live, 1,000 roots × 1,000 resources.</summary>
    Trees,
}
