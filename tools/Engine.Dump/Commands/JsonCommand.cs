using Engine.Resources;
using Engine.Analysis;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Commands;

/// <summary><c>resdump json FILE</c>: the snapshot as JSON on standard output, for jq.</summary>
public static class JsonCommand
{
    private const int FlushEvery = 4096;

    public static Command Create(DumpEnvironment env)
    {
        var file = FileArgument.Create();
        var command = new Command("json", "Write the snapshot as JSON to standard output (one object: header fields and a resources array).") { file };
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            Write(SnapshotLoader.Load(path, env), env.Stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Streams in chunks so a million records never sit in memory as one JSON string.</summary>
    public static void Write(ResourceSnapshot snapshot, TextWriter output)
    {
        var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
        SnapshotHeader header = snapshot.Header;
        json.WriteStartObject();
        json.WriteNumber("formatVersion", header.FormatVersion);
        json.WriteString("writerVersion", header.WriterVersion);
        json.WriteNumber("frame", header.Frame);
        json.WriteString("capturedAtUtc", header.CapturedAtUtc);
        json.WriteNumber("resourceCount", header.ResourceCount);
        json.WriteString("compression", header.Compression == SnapshotCompression.Lz4 ? "lz4" : "none");
        json.WriteString("registryId", header.RegistryId);
        json.WriteStartArray("resources");
        for (int i = 0; i < snapshot.Records.Count; i++)
        {
            ResourceJson.Write(json, snapshot.Records[i]);
            if (i % FlushEvery == FlushEvery - 1)
            {
                Drain(json, buffer, output);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("dependencies");
        foreach (SnapshotDependency edge in snapshot.Dependencies)
        {
            json.WriteStartObject();
            json.WriteString("dependent", edge.Dependent.ToString());
            json.WriteString("dependency", edge.Dependency.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        Drain(json, buffer, output);
        output.WriteLine();
    }

    private static void Drain(Utf8JsonWriter json, MemoryStream buffer, TextWriter output)
    {
        json.Flush();
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        buffer.SetLength(0);
    }
}
