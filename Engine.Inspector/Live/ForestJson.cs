using System.Text.Json;
using Engine.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Inspector.Live;

/// <summary>
/// The JSON of one capture: the forest for the page's tree, and resources as summaries and chains show them. Every
/// text from the engine (kinds, names, fault messages) goes through the registry's label formatter (escaped, cut)
/// and the JSON writer's default encoder, which also escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes: no
/// name can turn into markup wherever the JSON ends up.
/// </summary>
internal static class ForestJson
{
    /// <summary>The most records <c>/forest</c> lists; beyond it the answer says how many were left out.</summary>
    public const int MaxForestRecords = 200_000;

    /// <summary><c>{"frame", "resources", "listed", "records": [{"i", "p", "handle", "kind", "name", "state", "label", …}]}</c>,
    /// parents before children (the order the index sorts by handle does not guarantee it, so the page links by index).</summary>
    public static void WriteForest(Utf8JsonWriter writer, SnapshotIndex index)
    {
        int listed = Math.Min(index.Count, MaxForestRecords);
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
            WriteResourceFields(writer, index.Records[i]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteResource(Utf8JsonWriter writer, string property, in SnapshotRecord record)
    {
        writer.WriteStartObject(property);
        WriteResourceFields(writer, record);
        writer.WriteEndObject();
    }

    private static void WriteResourceFields(Utf8JsonWriter writer, in SnapshotRecord record)
    {
        writer.WriteString("handle", $"#{record.Handle.Id}v{record.Handle.Version}");
        writer.WriteString("kind", ResourceLabels.Text(record.Kind));
        if (record.Name is not null)
        {
            writer.WriteString("name", ResourceLabels.Text(record.Name));
        }

        writer.WriteString("state", StateNames.Token(record.State));
        writer.WriteString("label", BlockerAnalysis.Identity(record));
        writer.WriteNumber("createdFrame", record.CreationFrame);
        if (record.SizeBytes is { } size)
        {
            writer.WriteNumber("bytes", size);
        }

        if (record.IsExplicitRelease)
        {
            writer.WriteBoolean("explicitRelease", true);
        }
    }
}
