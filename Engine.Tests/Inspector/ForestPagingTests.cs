using System.Net;
using System.Text.Json;
using Engine.Inspector;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Inspector;

/// <summary>
/// <c>/forest</c> paged on the server: the roots, the children of a node a page at a time, a parent that is gone, the
/// search's matches a page at a time with their ancestors, and every malformed parameter refused without echoing it.
/// </summary>
public sealed class ForestPagingTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    internal static async Task<(HttpStatusCode Status, string Body)> Get(ResourceInspector inspector, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{inspector.Port}{pathAndQuery}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", inspector.Token);
        using HttpResponseMessage response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    internal static async Task<JsonElement> Page(ResourceInspector inspector, string pathAndQuery)
    {
        (HttpStatusCode status, string body) = await Get(inspector, pathAndQuery);
        Assert.True(status == HttpStatusCode.OK, $"{pathAndQuery}: {status} {body}");
        using JsonDocument document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static JsonElement[] Records(JsonElement page) => [.. page.GetProperty("records").EnumerateArray()];

    private static string Handle(ResourceHandle handle) => $"%23{handle.Id}v{handle.Version}";

    [Fact]
    public async Task Roots_and_children_come_a_page_at_a_time_in_a_stable_order()
    {
        ResourceHandle many = default;
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            many = registry.Create(new ScopePayload(), device, "many");
            for (int i = 0; i < 1_234; i++)
            {
                registry.Create(new BufferPayload(), many, $"child {i}");
            }
        });

        JsonElement roots = await Page(engine.Inspector, "/forest");
        Assert.Equal(1, roots.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, roots.GetProperty("parent").ValueKind);
        JsonElement device = Assert.Single(Records(roots));
        Assert.Equal("Device", device.GetProperty("kind").GetString());
        Assert.Equal(-1, device.GetProperty("p").GetInt32());
        Assert.Equal(6, device.GetProperty("n").GetInt32()); // five buffers and the scope
        Assert.Equal(1_241, roots.GetProperty("resources").GetInt32());

        JsonElement underDevice = await Page(engine.Inspector, $"/forest?parent={Uri.EscapeDataString(device.GetProperty("handle").GetString()!)}");
        Assert.Equal(6, underDevice.GetProperty("total").GetInt32());
        Assert.All(Records(underDevice), r => Assert.Equal(device.GetProperty("i").GetInt32(), r.GetProperty("p").GetInt32()));
        JsonElement scope = Records(underDevice).Single(r => r.GetProperty("name").GetString() == "many");
        Assert.Equal(1_234, scope.GetProperty("n").GetInt32());

        var names = new List<string>();
        foreach (int from in new[] { 0, 500, 1_000 })
        {
            JsonElement page = await Page(engine.Inspector, $"/forest?parent={Handle(many)}&from={from}");
            Assert.Equal(1_234, page.GetProperty("total").GetInt32());
            Assert.Equal(from, page.GetProperty("from").GetInt32());
            Assert.Equal($"#{many.Id}v{many.Version}", page.GetProperty("parent").GetString());
            JsonElement[] records = Records(page);
            Assert.Equal(Math.Min(500, 1_234 - from), records.Length);
            Assert.All(records, r => Assert.Equal(scope.GetProperty("i").GetInt32(), r.GetProperty("p").GetInt32()));
            names.AddRange(records.Select(r => r.GetProperty("name").GetString()!));
        }

        Assert.Equal(Enumerable.Range(0, 1_234).Select(i => $"child {i}").Order(), names.Order()); // each child once
        JsonElement again = await Page(engine.Inspector, $"/forest?from=500&parent={Handle(many)}");
        Assert.Equal(names.Skip(500).Take(500), Records(again).Select(r => r.GetProperty("name").GetString()!)); // stable
        Assert.Empty(Records(await Page(engine.Inspector, $"/forest?parent={Handle(many)}&from=1234")));
        Assert.Empty(Records(await Page(engine.Inspector, $"/forest?parent={Handle(many)}&from=100000000")));
    }

    [Fact]
    public async Task A_parent_not_in_the_capture_is_404()
    {
        ResourceHandle gone = default;
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            gone = registry.Create(new BufferPayload(), device, "gone");
            registry.RequestDestroy(gone);
        });
        await Task.Delay(100, TestContext.Current.CancellationToken); // the destruction runs at the next updates
        foreach (string parent in new[] { Handle(gone), "%23999999v1", $"%23{gone.Id}v{gone.Version + 1}" })
        {
            (HttpStatusCode status, string body) = await Get(engine.Inspector, $"/forest?parent={parent}");
            if (status == HttpStatusCode.OK && parent == Handle(gone))
            {
                await Task.Delay(500, TestContext.Current.CancellationToken); // the capture before the destruction
                (status, body) = await Get(engine.Inspector, $"/forest?parent={parent}");
            }

            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("404 not found: the parent is not in the forest (destroyed since, or never there)", body.TrimEnd('\n'));
        }
    }

    [Theory]
    [InlineData("parent=abc%3Cscript%3E", "parent must be a handle")]
    [InlineData("parent=%231v", "parent must be a handle")]
    [InlineData("parent=%23-1v1", "parent must be a handle")]
    [InlineData("parent=1v1", "parent must be a handle")]
    [InlineData("parent=%2399999999999v1", "parent must be a handle")]
    [InlineData("from=-1", "from must be a whole number from 0 to 100000000")]
    [InlineData("from=100000001", "from must be a whole number from 0 to 100000000")]
    [InlineData("from=1e3", "from must be a whole number from 0 to 100000000")]
    [InlineData("from=+5", "from must be a whole number from 0 to 100000000")]
    [InlineData("from=", "from must be a whole number from 0 to 100000000")]
    [InlineData("q=", "q must be a search of 1 to 200 characters")]
    [InlineData("from=1&from=2", "from is given more than once")]
    [InlineData("q=a&q=b", "q is given more than once")]
    [InlineData("parent=%231v1&parent=%231v1", "parent is given more than once")]
    [InlineData("parent=%231v1&q=buffer", "parent and q cannot be given together")]
    [InlineData("sort=name", "/forest takes only parent=HANDLE or q=TEXT, from=N and token, each once")]
    [InlineData("%3Cimg%3E=1", "/forest takes only parent=HANDLE or q=TEXT, from=N and token, each once")]
    [InlineData("%3Cimg%3E=1&%3Cimg%3E=2", "a parameter is given more than once")]
    public async Task A_malformed_forest_parameter_is_refused_with_one_line_naming_it(string query, string expected)
    {
        using var engine = new InspectorTests.EngineThread();
        (HttpStatusCode status, string body) = await Get(engine.Inspector, $"/forest?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        string line = body.TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("<", line, StringComparison.Ordinal);
        Assert.DoesNotContain("script", line, StringComparison.Ordinal);
        Assert.DoesNotContain("img", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_of_201_characters_and_paging_parameters_elsewhere_are_refused()
    {
        using var engine = new InspectorTests.EngineThread();
        (HttpStatusCode status, string body) = await Get(engine.Inspector, $"/forest?q={new string('a', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("400 bad request: q must be a search of 1 to 200 characters", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Get(engine.Inspector, $"/forest?q={new string('a', 200)}")).Status);
        foreach (string path in new[] { "/summary?from=0", "/health?parent=%231v1", "/snapshot?q=a", "/events?from=0" })
        {
            (status, body) = await Get(engine.Inspector, path);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.StartsWith("400 bad request: the only query parameter is token", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_search_pages_its_matches_with_their_ancestors_and_escapes_every_name()
    {
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            var holder = registry.Create(new ScopePayload(), device, "holder <b>");
            for (int i = 0; i < 1_200; i++)
            {
                registry.Create(new BufferPayload(), holder, $"needle <i>{i}</i>");
                registry.Create(new BufferPayload(), holder, $"hay {i}");
            }
        });

        var matched = new HashSet<string>();
        foreach (int from in new[] { 0, 500, 1_000 })
        {
            (HttpStatusCode status, string body) = await Get(engine.Inspector, $"/forest?q=NEEDLE%20kind:buf%20state:al&from={from}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("<", body, StringComparison.Ordinal); // escaped as \u003C: never markup
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement page = document.RootElement;
            Assert.Equal(1_200, page.GetProperty("matches").GetInt32());
            Assert.Equal(from, page.GetProperty("from").GetInt32());
            Assert.Equal("NEEDLE kind:buf state:al", page.GetProperty("query").GetString());
            JsonElement[] records = Records(page);
            JsonElement[] matches = [.. records.Where(r => r.TryGetProperty("m", out JsonElement m) && m.GetBoolean())];
            Assert.Equal(Math.Min(500, 1_200 - from), matches.Length);
            Assert.All(matches, r => Assert.StartsWith("needle <i>", r.GetProperty("name").GetString(), StringComparison.Ordinal));
            Assert.All(matches, r => Assert.True(matched.Add(r.GetProperty("name").GetString()!)));

            // Every match's ancestors are in the page, before it, unmarked: the device and the holder, once each.
            JsonElement[] ancestors = [.. records.Except(matches)];
            Assert.Equal(2, ancestors.Length);
            Assert.Equal("Device", ancestors[0].GetProperty("kind").GetString());
            Assert.Equal("holder <b>", ancestors[1].GetProperty("name").GetString());
            Assert.Equal(-1, ancestors[0].GetProperty("p").GetInt32());
            var seen = new HashSet<int>();
            foreach (JsonElement record in records)
            {
                int parent = record.GetProperty("p").GetInt32();
                Assert.True(parent == -1 || seen.Contains(parent), $"record {record.GetProperty("i")} before its parent {parent}");
                seen.Add(record.GetProperty("i").GetInt32());
            }
        }

        Assert.Equal(1_200, matched.Count);
        JsonElement device = await Page(engine.Inspector, "/forest?q=kind:device");
        Assert.Equal(1, device.GetProperty("matches").GetInt32());
        Assert.True(Assert.Single(Records(device)).GetProperty("m").GetBoolean());
        JsonElement none = await Page(engine.Inspector, "/forest?q=no%20such%20thing");
        Assert.Equal(0, none.GetProperty("matches").GetInt32());
        Assert.Empty(Records(none));
        JsonElement markup = await Page(engine.Inspector, "/forest?q=%3Ci%3E7%3C%2Fi%3E");
        Assert.Equal("needle <i>7</i>", Assert.Single(Records(markup), r => r.TryGetProperty("m", out _)).GetProperty("name").GetString());
    }

    [Fact]
    public void The_search_reads_the_label_the_page_shows()
    {
        using var registry = new ResourceRegistry();
        registry.RegisterKind<BufferPayload>("Buffer");
        registry.RegisterKind<ScopePayload>("Sc\"ope\n");
        var scope = registry.Create(new ScopePayload(), name: "plain");
        string[] names = ["mesh 1/2", "", "quote \" inside", "back\\slash", "line\nbreak", "\u202Eevil", new string('x', 256), new string('y', 257), "<b>bold</b>", "ünï €"];
        foreach (string name in names)
        {
            registry.Create(new BufferPayload(), scope, name);
        }

        registry.Create(new BufferPayload(), scope);
        registry.Update(0);
        var query = new Engine.Inspector.Live.ForestQuery("x");
        var snapshot = registry.CaptureSnapshot();
        Assert.Equal(names.Length + 2, snapshot.Records.Count);
        Assert.All(snapshot.Records, record => Assert.Equal(Engine.Analysis.BlockerAnalysis.Identity(record), query.LabelText(record)));
    }
}
