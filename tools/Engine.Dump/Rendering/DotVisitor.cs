using Engine.Resources;
using Engine.Analysis;
using System.Text;
using Engine.Dump.Analysis;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Rendering;

/// <summary>
/// Writes Graphviz DOT from a <see cref="ForestWalk"/>: one box per resource, colored by state. Leaves under one parent
/// that read the same (kind, name, state, explicit release) are one box with a count ("40 × Image glyph page"), so a
/// picture of a real engine stays readable.
/// </summary>
public sealed class DotVisitor(SnapshotIndex index, FilterResult? filter, TextWriter output, bool leftToRight = false) : IForestVisitor
{
    private readonly Dictionary<(int Parent, string Kind, string? Name, ResourceState State, bool Explicit), List<int>> _leaves = [];
    private readonly HashSet<int> _drawn = [];
    private int _elided;

    public void Begin(string title)
    {
        output.WriteLine("digraph resources {");
        output.WriteLine($"  label={Quote(title)};");
        output.WriteLine("  labelloc=t;");
        output.WriteLine($"  rankdir={(leftToRight ? "LR" : "TB")};");
        output.WriteLine("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];");
        output.WriteLine("  edge [color=\"#666666\", arrowsize=0.6];");
        WriteLegend();
    }

    public void End()
    {
        // Dependency edges between drawn resources: dashed, and not used for ranking (the tree keeps its shape).
        foreach (int node in _drawn)
        {
            foreach (int dependency in index.DependsOn(node))
            {
                if (_drawn.Contains(dependency))
                {
                    output.WriteLine($"  {Id(node)} -> {Id(dependency)} [style=dashed, color=\"#3366cc\", constraint=false, label=\"depends on\", fontsize=8];");
                }
            }
        }

        foreach (var ((parent, _, _, _, _), members) in _leaves)
        {
            if (members.Count == 1)
            {
                WriteNode(members[0], parent);
            }
            else
            {
                WriteGroup(members, parent);
            }
        }

        output.WriteLine("}");
    }

    public void Node(int node, int depth, int parent)
    {
        if (ForestWalk.LeafKey(index, node) is { } leaf)
        {
            var key = (parent, leaf.Kind, leaf.Name, leaf.State, leaf.Explicit);
            if (!_leaves.TryGetValue(key, out List<int>? members))
            {
                members = [];
                _leaves.Add(key, members);
            }

            members.Add(node);
            return;
        }

        WriteNode(node, parent);
    }

    private void WriteGroup(List<int> members, int parent)
    {
        SnapshotRecord first = index.Records[members[0]];
        long minFrame = members.Min(m => index.Records[m].CreationFrame);
        long maxFrame = members.Max(m => index.Records[m].CreationFrame);
        var label = new StringBuilder($"{members.Count:N0} × {first.Kind}");
        if (first.Name is not null)
        {
            label.Append('\n').Append(first.Name);
        }

        label.Append('\n').Append(ResourceStates.Words(first.State)).Append(", ").Append(minFrame == maxFrame ? $"f{minFrame}" : $"f{minFrame}–f{maxFrame}");
        string id = $"group{Id(members[0])}";
        string extra = first.IsExplicitRelease ? ", peripheries=2" : string.Empty;
        output.WriteLine($"  {id} [label={Quote(label.ToString())}, fillcolor=\"{Fill(first.State)}\", color=\"{Border(first.State)}\", style=\"rounded,filled,bold\"{extra}];");
        if (parent >= 0)
        {
            output.WriteLine($"  {Id(parent)} -> {id};");
        }
    }

    private void WriteNode(int node, int parent)
    {
        _drawn.Add(node);
        SnapshotRecord record = index.Records[node];
        var label = new StringBuilder(record.Kind);
        if (record.Name is not null)
        {
            label.Append('\n').Append(record.Name);
        }

        label.Append('\n').Append(record.Handle).Append(' ').Append(ResourceStates.Words(record.State));
        label.Append('\n').Append(ResourceLabel.Age(record));
        if (record.SizeBytes is { } size)
        {
            label.Append(", ").Append(ResourceLabel.Bytes(size));
        }
        if (record.IsExplicitRelease)
        {
            label.Append("\nexplicit release");
        }

        if (record.FaultMessage is not null)
        {
            label.Append('\n').Append(record.FaultMessage);
        }

        string extra = record.IsExplicitRelease ? ", peripheries=2" : string.Empty;
        if (filter is not null && !filter.Matched[node])
        {
            extra += ", fontcolor=\"#888888\"";
        }

        output.WriteLine($"  {Id(node)} [label={Quote(label.ToString())}, fillcolor=\"{Fill(record.State)}\", color=\"{Border(record.State)}\"{extra}];");
        if (parent >= 0)
        {
            output.WriteLine($"  {Id(parent)} -> {Id(node)};");
        }
    }

    public void Elided(int parent, int depth, Elision elision)
    {
        string id = $"elided{_elided++}";
        output.WriteLine($"  {id} [label={Quote(ElisionText.Of(elision, parent < 0))}, shape=note, style=dashed, fillcolor=white];");
        if (parent >= 0)
        {
            output.WriteLine($"  {Id(parent)} -> {id} [style=dashed];");
        }
    }

    public static string Fill(ResourceState state) => state switch
    {
        ResourceState.Alive => "#d8f0d8",
        ResourceState.Pending => "#fff3c4",
        ResourceState.Blocked => "#ffd8a8",
        ResourceState.WaitingForGpu => "#cfe3ff",
        ResourceState.Faulted => "#ffb3b3",
        _ => "#eeeeee",
    };

    private static string Border(ResourceState state) => state == ResourceState.Faulted ? "#cc0000" : "#555555";

    private string Id(int node)
    {
        SnapshotHandle handle = index.Records[node].Handle;
        return $"r{handle.Id}v{handle.Version}";
    }

    private void WriteLegend()
    {
        output.WriteLine("  subgraph cluster_legend {");
        output.WriteLine("    label=\"states\"; fontsize=10; style=dashed;");
        foreach (ResourceState state in Enum.GetValues<ResourceState>())
        {
            output.WriteLine($"    legend_{state} [label={Quote(ResourceStates.Words(state))}, fillcolor=\"{Fill(state)}\", color=\"{Border(state)}\"];");
        }

        output.WriteLine("    legend_explicit [label=\"explicit release\\n(double border)\", fillcolor=white, peripheries=2];");
        output.WriteLine("    legend_dependency [label=\"dependency\\n(dashed blue edge)\", fillcolor=white, style=\"rounded,dashed\", color=\"#3366cc\"];");
        output.WriteLine("    legend_group [label=\"N × Kind\\nidentical leaves\", fillcolor=white, style=\"rounded,filled,bold\"];");
        output.WriteLine("  }");
    }

    /// <summary>DOT string literal: quotes and backslashes escaped, newlines as centered line breaks.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': break;
                default: builder.Append(char.IsControl(c) ? ' ' : c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
