using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Analysis;
using Engine.Inspector.Live;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Dump;

/// <summary>One JSON object for a resource: docs/json.md's table is what is written, and resdump and the inspector
/// write the same object for the same record.</summary>
public class ResourceJsonSchemaTests
{
    private static readonly SnapshotRecord Everything = new(new SnapshotHandle(7, 3), "Buffer", "Engine.Tests.BufferPayload", "staging <1>\u001b",
        new SnapshotHandle(2, 1), ResourceState.Faulted, SnapshotFlags.ExplicitRelease, 12, 40, 4096, "device lost")
    { Requested = DestroyMode.Cascade, Placement = new SnapshotPlacement(new SnapshotHandle(5, 2), 65_536) };

    private static readonly SnapshotRecord Nothing = new(new SnapshotHandle(0, 1), "Instance", "Engine.Tests.InstancePayload", null,
        null, ResourceState.Alive, SnapshotFlags.None, 0, 0, null, null);

    [Fact]
    public void The_documented_table_is_the_written_object()
    {
        Dictionary<string, bool> documented = DocumentedFields();
        Assert.Equal(documented.Keys.Order(), Fields(Everything).Keys.Order());
        Assert.Equal(documented.Where(f => f.Value).Select(f => f.Key).Order(), Fields(Nothing).Keys.Order());
    }

    [Fact]
    public void Text_is_exact_and_the_label_is_the_registrys()
    {
        Dictionary<string, JsonElement> fields = Fields(Everything);
        Assert.Equal("staging <1>\u001b", fields["name"].GetString());
        Assert.Equal(ResourceLabels.Format("Buffer", "staging <1>\u001b", 7, 3), fields["label"].GetString());
        Assert.Equal("faulted", fields["state"].GetString());
        Assert.Equal("cascade", fields["requested"].GetString());
        Assert.Equal("#2v1", fields["parent"].GetString());
        Assert.Equal(4096, fields["sizeBytes"].GetInt64());
        Assert.Equal("#5v2", fields["placedIn"].GetString());
        Assert.Equal(65_536, fields["offset"].GetInt64());
        Assert.DoesNotContain("<", Write(json => ResourceJson.Write(json, Everything)), StringComparison.Ordinal);
    }

    [Fact]
    public void Resdump_and_the_inspector_write_the_same_resource_objects()
    {
        string path = GoldenFiles.Path("blocked.ressnap");
        DumpRun run = DumpRunner.Run(["json", path]);
        Assert.Equal(0, run.ExitCode);
        using JsonDocument dump = JsonDocument.Parse(run.Stdout);
        var fromDump = dump.RootElement.GetProperty("resources").EnumerateArray()
            .ToDictionary(r => r.GetProperty("handle").GetString()!, r => r.GetRawText());

        var index = new SnapshotIndex(SnapshotReader.Read(File.ReadAllBytes(path), path));
        using JsonDocument forest = JsonDocument.Parse(Write(json => ForestJson.WriteSearch(json, index, "", 0), asObject: true));
        Assert.Equal(dump.RootElement.GetProperty("formatVersion").GetInt32(), forest.RootElement.GetProperty("formatVersion").GetInt32());
        JsonElement[] records = [.. forest.RootElement.GetProperty("records").EnumerateArray()];
        Assert.Equal(fromDump.Count, records.Length);
        foreach (JsonElement record in records)
        {
            // The forest's record is the resource object behind its tree links (and the search's match mark).
            string withoutLinks = Write(json =>
            {
                json.WriteStartObject();
                foreach (JsonProperty field in record.EnumerateObject().Where(f => f.Name is not ("i" or "p" or "n" or "m")))
                {
                    field.WriteTo(json);
                }

                json.WriteEndObject();
            });
            string handle = record.GetProperty("handle").GetString()!;
            Assert.Equal(Compact(fromDump[handle]), withoutLinks);
        }
    }

    private static Dictionary<string, bool> DocumentedFields()
    {
        string doc = File.ReadAllText(Path.Combine(DocumentedExamples.RepositoryRoot(), "docs", "json.md"));
        string table = doc[doc.IndexOf("## Fields", StringComparison.Ordinal)..doc.IndexOf("## Block reasons", StringComparison.Ordinal)];
        return Regex.Matches(table, @"^\| `(?<name>[a-zA-Z]+)` \| [a-z]+ \| (?<always>yes|no) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["always"].Value == "yes");
    }

    private static Dictionary<string, JsonElement> Fields(SnapshotRecord record)
    {
        using JsonDocument doc = JsonDocument.Parse(Write(json => ResourceJson.Write(json, record)));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private static string Compact(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return Write(writer => doc.RootElement.WriteTo(writer));
    }

    private static string Write(Action<Utf8JsonWriter> body, bool asObject = false)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (asObject)
            {
                json.WriteStartObject();
            }

            body(json);
            if (asObject)
            {
                json.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
