using System.Text.Json;
using Engine.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Inspector.Live;

/// <summary>
/// The JSON of one capture's forest for the page's tree: each record the one resource object
/// (<see cref="ResourceJson"/>) plus its index and its parent's. The JSON writer's default encoder escapes
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and control characters: no name can turn into markup wherever the
/// JSON ends up.
/// </summary>
internal static class ForestJson
{
    /// <summary>The most records <c>/forest</c> lists; beyond it the answer says how many were left out.</summary>
    public const int MaxForestRecords = 200_000;

    /// <summary><c>{"formatVersion", "frame", "resources", "listed", "records": [{"i", "p", …the resource object}]}</c>,
    /// parents before children (the order the index sorts by handle does not guarantee it, so the page links by index).</summary>
    public static void WriteForest(Utf8JsonWriter writer, SnapshotIndex index)
    {
        int listed = Math.Min(index.Count, MaxForestRecords);
        writer.WriteNumber("formatVersion", SnapshotWriter.FormatVersion);
        writer.WriteNumber("frame", index.Snapshot.Header.Frame);
        writer.WriteNumber("resources", index.Count);
        writer.WriteNumber("listed", listed);
        writer.WriteStartArray("records");
        int written = 0;
        foreach (int i in index.SortedByHandle)
        {
            if (written++ == listed)
            {
                break;
            }

            writer.WriteStartObject();
            writer.WriteNumber("i", i);
            writer.WriteNumber("p", index.Parent[i]);
            ResourceJson.WriteFields(writer, index.Records[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
