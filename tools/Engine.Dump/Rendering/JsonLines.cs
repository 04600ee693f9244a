using Engine.Analysis;
using System.Text;
using System.Text.Json;
using Engine.Dump.Analysis;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Rendering;

/// <summary>
/// Machine-readable output: one compact JSON object per line (so a million-line output streams and <c>jq</c> reads it
/// line by line). Strings are JSON-escaped; states are the same tokens <c>--state</c> takes.
/// </summary>
public sealed class JsonLines(TextWriter output)
{
    private readonly MemoryStream _buffer = new();

    public void Write(Action<Utf8JsonWriter> body)
    {
        _buffer.SetLength(0);
        using (var json = new Utf8JsonWriter(_buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
    }

    /// <summary>The fields every resource object starts with.</summary>
    public static void Resource(Utf8JsonWriter json, in SnapshotRecord r)
    {
        json.WriteString("handle", r.Handle.ToString());
        json.WriteString("kind", r.Kind);
        json.WriteString("name", r.Name);
        json.WriteString("state", StateNames.Token(r.State));
        json.WriteString("parent", r.Parent?.ToString());
        json.WriteNumber("creationFrame", r.CreationFrame);
        if (r.SizeBytes is { } size)
        {
            json.WriteNumber("sizeBytes", size);
        }
        else
        {
            json.WriteNull("sizeBytes");
        }
    }
}
