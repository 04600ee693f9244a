using System.Text;
using Engine.Dump.Analysis;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Rendering;

/// <summary>Writes Graphviz DOT from a <see cref="ForestWalk"/>: one box per resource, colored by state.</summary>
public sealed class DotVisitor(SnapshotIndex index, FilterResult? filter, TextWriter output) : IForestVisitor
{
    private int _elided;

    public void Begin(string title)
    {
        output.WriteLine("digraph resources {");
        output.WriteLine($"  label={Quote(title)};");
        output.WriteLine("  labelloc=t;");
        output.WriteLine("  rankdir=TB;");
        output.WriteLine("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];");
        output.WriteLine("  edge [color=\"#666666\", arrowsize=0.6];");
        WriteLegend();
    }

    public void End() => output.WriteLine("}");

    public void Node(int node, int depth, int parent)
    {
        SnapshotRecord record = index.Records[node];
        var label = new StringBuilder(record.Kind);
        if (record.Name is not null)
        {
            label.Append('\n').Append(record.Name);
        }

        label.Append('\n').Append(record.Handle).Append(' ').Append(StateNames.Of(record.State));
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

    public static string Fill(SnapshotState state) => state switch
    {
        SnapshotState.Alive => "#d8f0d8",
        SnapshotState.Pending => "#fff3c4",
        SnapshotState.Blocked => "#ffd8a8",
        SnapshotState.WaitingForGpu => "#cfe3ff",
        SnapshotState.Faulted => "#ffb3b3",
        _ => "#eeeeee",
    };

    private static string Border(SnapshotState state) => state == SnapshotState.Faulted ? "#cc0000" : "#555555";

    private string Id(int node)
    {
        SnapshotHandle handle = index.Records[node].Handle;
        return $"r{handle.Id}v{handle.Version}";
    }

    private void WriteLegend()
    {
        output.WriteLine("  subgraph cluster_legend {");
        output.WriteLine("    label=\"states\"; fontsize=10; style=dashed;");
        foreach (SnapshotState state in Enum.GetValues<SnapshotState>())
        {
            output.WriteLine($"    legend_{state} [label={Quote(StateNames.Of(state))}, fillcolor=\"{Fill(state)}\", color=\"{Border(state)}\"];");
        }

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
