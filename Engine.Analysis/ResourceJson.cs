using System.Text.Json;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Analysis;

/// <summary>
/// The one JSON object for a resource, written by <c>resdump json</c>, every <c>--json</c> output of resdump and the
/// inspector's endpoints (docs/json.md; a golden test pins it). It is part of the snapshot format: a change to its
/// fields comes with a new <see cref="SnapshotWriter.FormatVersion"/>, which every JSON document carries as
/// <c>formatVersion</c>. Optional fields are left out when they have no value (jq and JavaScript read them as null).
/// Text is written exactly as the engine gave it (the JSON writer escapes quotes, control characters and
/// <c>&lt; &gt; &amp;</c>); <c>label</c> is the registry's label formatter, escaped and cut, for display.
/// </summary>
public static class ResourceJson
{
    /// <summary>Writes the fields of the resource object into the object being written.</summary>
    public static void WriteFields(Utf8JsonWriter json, in SnapshotRecord record)
    {
        json.WriteString("handle", record.Handle.ToString());
        json.WriteNumber("id", record.Handle.Id);
        json.WriteNumber("version", record.Handle.Version);
        json.WriteString("kind", record.Kind);
        json.WriteString("payloadType", record.PayloadType);
        if (record.Name is not null)
        {
            json.WriteString("name", record.Name);
        }

        json.WriteString("label", BlockerAnalysis.Identity(record));
        if (record.Parent is { } parent)
        {
            json.WriteString("parent", parent.ToString());
        }

        json.WriteString("state", ResourceStates.Token(record.State));
        if (record.Requested is not null)
        {
            json.WriteString("requested", record.Requested == DestroyMode.Cascade ? "cascade" : "block");
        }

        if (record.IsExplicitRelease)
        {
            json.WriteBoolean("explicitRelease", true);
        }

        json.WriteNumber("creationFrame", record.CreationFrame);
        if (record.LastGpuUse != 0)
        {
            json.WriteNumber("lastGpuUse", record.LastGpuUse);
        }

        if (record.SizeBytes is { } size)
        {
            json.WriteNumber("sizeBytes", size);
        }

        if (record.Placement is { } placement)
        {
            json.WriteString("placedIn", placement.Container.ToString());
            json.WriteNumber("offset", placement.Offset);
        }

        if (record.FaultMessage is not null)
        {
            json.WriteString("fault", record.FaultMessage);
        }
    }

    /// <summary>Writes the resource object as property <paramref name="property"/>.</summary>
    public static void Write(Utf8JsonWriter json, string property, in SnapshotRecord record)
    {
        json.WriteStartObject(property);
        WriteFields(json, record);
        json.WriteEndObject();
    }

    /// <summary>Writes the resource object as an array element.</summary>
    public static void Write(Utf8JsonWriter json, in SnapshotRecord record)
    {
        json.WriteStartObject();
        WriteFields(json, record);
        json.WriteEndObject();
    }
}
