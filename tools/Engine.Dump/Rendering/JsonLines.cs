using Engine.Resources;
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
}
