using Engine.Analysis;
using Engine.Dump.Analysis;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Engine.Dump.Rendering;

/// <summary>Builds a Spectre tree from a <see cref="ForestWalk"/>.</summary>
public sealed class SpectreTreeVisitor(SnapshotIndex index, FilterResult? filter, Tree root) : IForestVisitor
{
    private static readonly Style Dim = new(Color.Grey);

    private readonly Dictionary<int, TreeNode> _nodes = [];

    public void Node(int node, int depth, int parent)
    {
        var record = index.Records[node];
        // In a filtered view, ancestors shown only for context are dimmed.
        Style style = filter is null || filter.Matched[node] ? StateStyles.Of(record.State) : Dim;
        string text = ResourceLabel.Of(record);
        if (record.FaultMessage is not null)
        {
            text += $": {ResourceLabel.Text(record.FaultMessage)}";
        }

        // A placement names its container, which it depends on: the container is not repeated among the dependencies.
        IReadOnlyList<int> dependsOn = index.DependsOn(node);
        if (record.Placement is { } placement)
        {
            text += " " + ResourceLabel.Placement(placement, record.SizeBytes, index);
            dependsOn = [.. dependsOn.Where(d => index.Records[d].Handle != placement.Container)];
        }

        if (dependsOn.Count > 0)
        {
            text += " ⇢ depends on " + string.Join(", ", dependsOn.Take(3).Select(d => ResourceLabel.Identity(index.Records[d])))
                + (dependsOn.Count > 3 ? $" and {dependsOn.Count - 3} more" : string.Empty);
        }

        _nodes[node] = Parent(parent).AddNode(new Text(text, style));
    }

    public void Elided(int parent, int depth, Elision elision) =>
        Parent(parent).AddNode(new Text(ElisionText.Of(elision, parent < 0), Dim));

    private IHasTreeNodes Parent(int parent) => parent < 0 ? root : _nodes[parent];
}
