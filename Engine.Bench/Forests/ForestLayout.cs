namespace Engine.Bench.Forests;

/// <summary>
/// How <see cref="Forest"/> lays out <c>live</c> resources in a shape: how many roots, how many resources under each,
/// and which of them a cascade benchmark destroys (1 % of the roots, at least one, evenly spread).
/// </summary>
public readonly struct ForestLayout
{
    public const int WideRoots = 1_000;
    public const int FanOut = 10;
    public const int ChainDepth = 1_000;
    public const int TreeSize = 1_000;

    public ForestLayout(ForestShape shape, int live)
    {
        Shape = shape;
        (Roots, NodesPerRoot) = shape switch
        {
            ForestShape.Wide => (WideRoots, Math.Max(1, live / WideRoots)),
            ForestShape.Deep => (Math.Max(1, live / ChainDepth), ChainDepth),
            ForestShape.Flat => (live, 1),
            ForestShape.Trees => (Math.Max(1, live / TreeSize), Math.Min(live, TreeSize)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
        };
    }

    public ForestShape Shape { get; }

    public int Roots { get; }

    public int NodesPerRoot { get; }

    public int Total => Roots * NodesPerRoot;

    public int CascadeRoots => Math.Max(1, Roots / 100);

    /// <summary>The cascade benchmark destroys roots 0, step, 2 × step...</summary>
    public int CascadeStep => Roots / CascadeRoots;

    public int DestroyedPerCascade => CascadeRoots * NodesPerRoot;

    /// <summary>The parent of node <paramref name="k"/> (&gt; 0) of a tree, in creation order.</summary>
    public int ParentIndex(int k) => Shape is ForestShape.Wide or ForestShape.Trees ? (k - 1) / FanOut : k - 1;
}
