using Engine.Resources;
using Engine.Analysis;
namespace Engine.Dump.Analysis;

/// <summary>
/// Depth-first walk that keeps views of huge forests usable: at most <see cref="Limit"/> children per
/// resource, <see cref="MaxDepth"/> levels and <see cref="MaxNodes"/> resources in all; everything left
/// out is reported as an <see cref="Elision"/> so the reader knows what is hidden.
/// </summary>
public sealed class ForestWalk(SnapshotIndex index, FilterResult? filter)
{
    /// <summary>Recursion guard: deeper forests are elided rather than risking the stack.</summary>
    public const int DepthCeiling = 512;

    private int _shown;

    public int MaxDepth { get; init; } = DepthCeiling;

    public int Limit { get; init; } = int.MaxValue;

    public int MaxNodes { get; init; } = int.MaxValue;

    /// <summary>
    /// For visitors that draw identical leaves as one counted box (dot): a leaf that reads like one already shown under
    /// the same parent (kind, name, state, explicit release) joins it instead of counting against the limits.
    /// </summary>
    public bool GroupIdenticalLeaves { get; init; }

    /// <summary>What makes leaves identical for <see cref="GroupIdenticalLeaves"/>; null for a record that is drawn on
    /// its own (it has children or dependency edges).</summary>
    public static (string Kind, string? Name, Engine.Resources.ResourceState State, bool Explicit)? LeafKey(SnapshotIndex index, int node)
    {
        if (index.ChildCount(node) > 0 || index.DependsOn(node).Count > 0 || index.DependentsOf(node).Count > 0)
        {
            return null;
        }

        var record = index.Records[node];
        return (record.Kind, record.Name, record.State, record.IsExplicitRelease);
    }

    public int Shown => _shown;

    /// <summary>True when <see cref="MaxNodes"/> cut the walk short.</summary>
    public bool HitNodeBudget { get; private set; }

    public void Run(IForestVisitor visitor)
    {
        _shown = 0;
        HitNodeBudget = false;
        int[] roots = [.. index.Roots];
        VisitLevel(visitor, -1, roots, 0);
    }

    private bool IsVisible(int node) => filter is null || filter.Visible[node];

    private void VisitLevel(IForestVisitor visitor, int parent, ReadOnlySpan<int> nodes, int depth)
    {
        int shownHere = 0;
        int elided = 0;
        long elidedResources = 0;
        int maxDepth = Math.Min(MaxDepth, DepthCeiling);
        HashSet<(string, string?, Engine.Resources.ResourceState, bool)>? leafKinds = GroupIdenticalLeaves ? [] : null;
        foreach (int node in nodes)
        {
            if (!IsVisible(node))
            {
                continue;
            }

            if (leafKinds is not null && LeafKey(index, node) is { } key)
            {
                if (!leafKinds.Add(key))
                {
                    visitor.Node(node, depth, parent); // joins the box drawn for the first one
                    continue;
                }
            }

            if (shownHere >= Limit || _shown >= MaxNodes)
            {
                HitNodeBudget |= _shown >= MaxNodes;
                elided++;
                elidedResources += index.SubtreeSize[node];
                continue;
            }

            shownHere++;
            _shown++;
            visitor.Node(node, depth, parent);
            ReadOnlySpan<int> children = index.ChildrenOf(node);
            if (depth + 1 <= maxDepth)
            {
                VisitLevel(visitor, node, children, depth + 1);
                continue;
            }

            int hidden = 0;
            long hiddenResources = 0;
            foreach (int child in children)
            {
                if (IsVisible(child))
                {
                    hidden++;
                    hiddenResources += index.SubtreeSize[child];
                }
            }

            if (hidden > 0)
            {
                visitor.Elided(node, depth + 1, new Elision(hidden, hiddenResources, BelowDepthLimit: true));
            }
        }

        if (elided > 0)
        {
            visitor.Elided(parent, depth, new Elision(elided, elidedResources, BelowDepthLimit: false));
        }
    }
}
