using Engine.Analysis;
using Engine.Dump.Analysis;

namespace Engine.Dump.Rendering;

/// <summary><c>tree --json</c>: the same bounded walk as the text tree, one object per line.</summary>
public sealed class JsonTreeVisitor(SnapshotIndex index, FilterResult? filter, JsonLines output) : IForestVisitor
{
    public void Node(int node, int depth, int parent) => output.Write(json =>
    {
        ResourceJson.WriteFields(json, index.Records[node]);
        json.WriteNumber("depth", depth);
        json.WriteBoolean("matched", filter is null || filter.Matched[node]);
    });

    public void Elided(int parent, int depth, Elision elision) => output.Write(json =>
    {
        json.WriteString("elidedUnder", parent < 0 ? null : index.Records[parent].Handle.ToString());
        json.WriteNumber("depth", depth);
        json.WriteNumber("count", elision.Count);
        json.WriteNumber("resources", elision.Resources);
    });
}
