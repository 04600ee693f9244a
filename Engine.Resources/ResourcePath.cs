using System.Text;

namespace Engine.Resources;

/// <summary>
/// Where a resource sat in the forest: its label and its parent's path. Paths of resources under the same ancestors
/// share those ancestors' nodes, so a report of n leaks in a chain of depth d costs O(n + d), not O(n × d); the text is
/// built only when asked for.
/// </summary>
public sealed class ResourcePath
{
    /// <summary>Between two labels of a path.</summary>
    public const string Separator = " / ";

    internal ResourcePath(ResourcePath? parent, string label)
    {
        Parent = parent;
        Label = label;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The parent's path, or null for a root.</summary>
    public ResourcePath? Parent { get; }

    /// <summary>This resource's label (<see cref="ResourceLabels"/>).</summary>
    public string Label { get; }

    /// <summary>0 for a root.</summary>
    public int Depth { get; }

    /// <summary>The whole path, root first: <c>Instance #0v1 / Device "gpu" #1v1</c>. O(depth).</summary>
    public override string ToString() => ToString(int.MaxValue);

    /// <summary>
    /// The path with at most <paramref name="maxLabels"/> labels (at least 2): the root, an elision that says how many
    /// were left out, and the labels nearest the resource.
    /// </summary>
    public string ToString(int maxLabels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLabels, 2);
        int count = Depth + 1;
        int shownNear = count <= maxLabels ? count : maxLabels - 1;
        var near = new string[shownNear];
        ResourcePath node = this;
        for (int i = shownNear - 1; i >= 0; i--)
        {
            near[i] = node.Label;
            node = node.Parent!;
        }

        var text = new StringBuilder();
        if (count > maxLabels)
        {
            ResourcePath root = node;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            text.Append(root.Label).Append(Separator).Append("… (").Append(count - shownNear - 1).Append(" more)").Append(Separator);
        }

        return text.AppendJoin(Separator, near).ToString();
    }
}
