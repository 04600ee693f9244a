using System.Net;
using System.Text.Json;
using Engine.Inspector;
using Engine.Resources;
using Engine.Tests.Core;

namespace Engine.Tests.Inspector;

/// <summary>The summary's frames, chains and growth, the forest, the event stream and the page's cookie, over HTTP.</summary>
public sealed class InspectorEndpointTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<JsonDocument> Json(ResourceInspector inspector, string path) =>
        JsonDocument.Parse(await Http.GetStringAsync(InspectorTests.At(inspector, path), TestContext.Current.CancellationToken));

    [Fact]
    public async Task The_event_stream_sends_every_frame_once_in_order_with_its_counters()
    {
        using var engine = new InspectorTests.EngineThread(leak: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, InspectorTests.At(engine.Inspector, "/events"));
        using HttpResponseMessage response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var frames = new List<(long Id, JsonElement Data)>();
        long id = -1;
        while (frames.Count < 30 && await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                frames.Add((id, JsonDocument.Parse(line[6..]).RootElement.Clone()));
            }
        }

        Assert.Equal(30, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].Id, frames[i].Data.GetProperty("frame").GetInt64());
            if (i > 0)
            {
                Assert.Equal(frames[i - 1].Id + 1, frames[i].Id); // none lost, none twice
            }

            // The engine thread leaks one buffer between two updates.
            Assert.Equal(1, frames[i].Data.GetProperty("created").GetInt32());
            Assert.Equal(0, frames[i].Data.GetProperty("destroyed").GetInt32());
        }

        Assert.Equal(frames[0].Data.GetProperty("resources").GetInt32() + 29, frames[^1].Data.GetProperty("resources").GetInt32());
    }

    [Fact]
    public async Task Frames_are_recorded_only_while_a_client_is_attached()
    {
        using var engine = new InspectorTests.EngineThread();
        using (JsonDocument _ = await Json(engine.Inspector, "/health"))
        {
            Assert.False(engine.Registry.RecordsFrameCounters); // health takes no capture and attaches nothing
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, InspectorTests.At(engine.Inspector, "/events")))
        using (HttpResponseMessage stream = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken))
        {
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
            while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line && !line.StartsWith("data: ", StringComparison.Ordinal))
            {
            }

            Assert.True(engine.Registry.RecordsFrameCounters);
        }

        // The stream's client left and no summary was asked for: within the detach delay, the frame stops paying.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (engine.Registry.RecordsFrameCounters && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.False(engine.Registry.RecordsFrameCounters, "still recording 20 s after the last client left");
    }

    [Fact]
    public async Task The_summary_has_the_last_frames_the_blocked_chains_with_causes_and_the_groups_that_grow()
    {
        using var engine = new InspectorTests.EngineThread(leak: true, build: (registry, device) =>
        {
            var pass = registry.Create(new ScopePayload(), device, "shadow pass");
            registry.Create(new BufferPayload(), pass, "shadow map 3");
            registry.RequestDestroy(pass); // held by its live child
        });

        // Polled as the page does; a group needs four samples (one per capture, captures reused for a while) to be
        // seen rising three times.
        JsonElement root = default;
        for (int poll = 0; poll < 40 && (root.ValueKind == JsonValueKind.Undefined || root.GetProperty("growth").GetProperty("growing").GetArrayLength() == 0); poll++)
        {
            await Task.Delay(300, TestContext.Current.CancellationToken);
            using JsonDocument summary = await Json(engine.Inspector, "/summary");
            root = summary.RootElement.Clone();
        }

        JsonElement frames = root.GetProperty("frames");
        Assert.True(frames.GetProperty("recorded").GetInt32() > 0);
        Assert.All(frames.GetProperty("recent").EnumerateArray(), f => Assert.Equal(1, f.GetProperty("created").GetInt32()));

        JsonElement blocked = root.GetProperty("blocked");
        Assert.Equal(1, blocked.GetProperty("chains").GetInt32());
        JsonElement head = blocked.GetProperty("heads")[0];
        Assert.StartsWith("ScopePayload \"shadow pass\" #", head.GetProperty("resource").GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Equal("held by 1 child", head.GetProperty("why").GetString());
        JsonElement cause = head.GetProperty("causes")[0];
        Assert.Equal("live-child", cause.GetProperty("cause").GetString());
        Assert.Equal("shadow map 3", cause.GetProperty("resource").GetProperty("name").GetString());
        Assert.Equal(1, blocked.GetProperty("rootCauses").GetProperty("live-child").GetInt32());

        JsonElement growing = Assert.Single(root.GetProperty("growth").GetProperty("growing").EnumerateArray());
        Assert.Equal("Buffer", growing.GetProperty("kind").GetString());
        Assert.Equal("leaked staging buffer", growing.GetProperty("name").GetString());
        Assert.Equal("Device \"gpu\"", growing.GetProperty("owner").GetString());
        int[] series = [.. growing.GetProperty("series").EnumerateArray().Select(c => c.GetInt32())];
        Assert.True(series.Zip(series.Skip(1)).TakeLast(3).All(p => p.Second > p.First), string.Join(" ", series));
    }

    [Fact]
    public async Task The_summary_shows_how_full_each_container_is_as_resdump_stats_does()
    {
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            registry.WithPlainKind<ImagePayload>();
            var block = registry.Create(new ImagePayload(), device, "block");
            registry.SetSizeBytes(block, 4096);
            foreach ((string name, long offset, long size) in new[] { ("a", 0L, 1024L), ("b", 2048L, 512L), ("c", 3072L, 512L) })
            {
                var range = registry.Create(new BufferPayload(), device, name);
                registry.AddDependency(range, block);
                registry.SetSizeBytes(range, size);
                registry.SetPlacement(range, block, offset);
            }
        });

        using JsonDocument summary = await Json(engine.Inspector, "/summary");
        JsonElement memory = summary.RootElement.GetProperty("memory");

        Assert.Equal(1, memory.GetProperty("containerCount").GetInt32());
        Assert.Equal(4096, memory.GetProperty("size").GetInt64());
        Assert.Equal(2048, memory.GetProperty("used").GetInt64());
        Assert.Equal(3, memory.GetProperty("ranges").GetInt64());
        JsonElement block = Assert.Single(memory.GetProperty("containers").EnumerateArray());
        Assert.StartsWith("ImagePayload \"block\" #", block.GetProperty("resource").GetProperty("label").GetString(), StringComparison.Ordinal);
        // Free: [1024, 2048), [2560, 3072), [3584, 4096): 2 KiB in three holes, the largest 1 KiB.
        Assert.Equal(2048, block.GetProperty("free").GetInt64());
        Assert.Equal(1024, block.GetProperty("largestFree").GetInt64());
        Assert.Equal(0.5, block.GetProperty("fragmentation").GetDouble());
        Assert.False(block.TryGetProperty("badRanges", out _));

        // The same object as resdump's, from the same analysis of the same capture.
        byte[] snapshot = await engine.Registry.CaptureSnapshotAsync(TestContext.Current.CancellationToken);
        string path = Path.Combine(Path.GetTempPath(), $"memory-{Guid.NewGuid():N}.ressnap");
        await File.WriteAllBytesAsync(path, snapshot, TestContext.Current.CancellationToken);
        try
        {
            Engine.Tests.Dump.DumpRun stats = Engine.Tests.Dump.DumpRunner.Run("stats", path, "--json");
            Assert.Equal(0, stats.ExitCode);
            using JsonDocument dump = JsonDocument.Parse(stats.Stdout);
            Assert.True(JsonElement.DeepEquals(memory, dump.RootElement.GetProperty("memory")), $"{memory}\n{dump.RootElement.GetProperty("memory")}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_forest_lists_every_resource_with_its_parent_and_escapes_every_name()
    {
        const string hostile = "<script>alert(\"x\")</script>\u001b[31m";
        using var engine = new InspectorTests.EngineThread(build: (registry, device) => registry.Create(new BufferPayload(), device, hostile));
        var records = new List<JsonElement>();
        var parents = new Queue<string>([""]); // the roots, then the children of each record, a page each
        while (parents.TryDequeue(out string? parent))
        {
            string query = parent.Length == 0 ? "" : $"&parent={Uri.EscapeDataString(parent)}";
            using HttpResponseMessage response = await Http.GetAsync(new Uri(InspectorTests.At(engine.Inspector, "/forest") + query), TestContext.Current.CancellationToken);
            byte[] body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain((byte)'<', body); // escaped as \\u003C: not markup wherever the JSON ends up
            using JsonDocument page = JsonDocument.Parse(body);
            foreach (JsonElement record in page.RootElement.GetProperty("records").EnumerateArray())
            {
                records.Add(record.Clone());
                if (record.GetProperty("n").GetInt32() > 0)
                {
                    parents.Enqueue(record.GetProperty("handle").GetString()!);
                }
            }
        }

        Assert.Equal(7, records.Count);
        var indexes = records.Select(r => r.GetProperty("i").GetInt32()).ToHashSet();
        Assert.All(records, r => Assert.True(r.GetProperty("p").GetInt32() == -1 || indexes.Contains(r.GetProperty("p").GetInt32())));
        JsonElement named = records.Single(r => r.GetProperty("name").GetString()!.StartsWith("<script>", StringComparison.Ordinal));
        Assert.Equal(hostile, named.GetProperty("name").GetString()); // exact text, escaped by the JSON writer only
        Assert.Contains("<script>alert(\\\"x\\\")</script>\\u001B[31m", named.GetProperty("label").GetString(), StringComparison.Ordinal); // shown: the registry's label
    }

    [Fact]
    public async Task The_page_is_public_code_and_the_data_needs_the_token_as_a_header_never_a_cookie()
    {
        using var engine = new InspectorTests.EngineThread();
        using var handler = new HttpClientHandler { UseCookies = false };
        using var http = new HttpClient(handler);
        using HttpResponseMessage page = await http.GetAsync($"http://127.0.0.1:{engine.Inspector.Port}/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.False(page.Headers.Contains("Set-Cookie")); // browsers send a cookie to every port of 127.0.0.1
        Assert.Contains("script-src 'self'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        string html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // no inline script
        Assert.DoesNotContain(engine.Inspector.Token, html, StringComparison.Ordinal);

        async Task<HttpStatusCode> Get(string path, string? cookie = null, string? bearer = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{engine.Inspector.Port}{path}");
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            if (bearer is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            }

            using HttpResponseMessage response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Get("/inspector.js"));
        Assert.Equal(HttpStatusCode.OK, await Get("/summary", bearer: engine.Inspector.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("/summary", cookie: $"inspector-token-{engine.Inspector.Port}={engine.Inspector.Token}")); // cookies are not read
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("/summary", bearer: engine.Inspector.Token[..^1]));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("/summary", bearer: engine.Inspector.Token + "0"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Get($"/summary?token={engine.Inspector.Token}", bearer: engine.Inspector.Token)); // two tokens are no token
        Assert.Equal(HttpStatusCode.Unauthorized, await Get("/health"));
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused()
    {
        using var engine = new InspectorTests.EngineThread();
        using var request = new HttpRequestMessage(HttpMethod.Get, InspectorTests.At(engine.Inspector, "/health"));
        request.Headers.Host = "attacker.example"; // a rebound DNS name pointing at 127.0.0.1
        using HttpResponseMessage response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString()); // the listener answers only for its own address
        Assert.DoesNotContain("frame", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public void Captures_serve_requests_for_longer_the_more_they_cost_the_owner_thread()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), Engine.Inspector.Live.CaptureCache.ReuseFor(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(100), Engine.Inspector.Live.CaptureCache.ReuseFor(TimeSpan.FromMilliseconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(4650), Engine.Inspector.Live.CaptureCache.ReuseFor(TimeSpan.FromMilliseconds(93))); // 1M resources
    }

    [Fact]
    public async Task A_large_forest_is_captured_at_most_a_small_share_of_the_time()
    {
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            for (int i = 0; i < 200_000; i++)
            {
                registry.Create(new BufferPayload(), device, $"texture {i}");
            }
        });
        Assert.Equal(TimeSpan.Zero, engine.Registry.LastCaptureDuration);
        using (JsonDocument _ = await Json(engine.Inspector, "/summary"))
        {
            Assert.True(engine.Registry.LastCaptureDuration > TimeSpan.Zero); // the first capture (code compiled) is not counted
        }

        await Task.Delay(200, TestContext.Current.CancellationToken);
        using JsonDocument first = await Json(engine.Inspector, "/summary");
        TimeSpan cost = engine.Registry.LastCaptureDuration;

        // Asked again well within 50 times its cost (at least 100 ms): the same capture answers, the engine is not asked again.
        await Task.Delay(TimeSpan.FromTicks(Math.Max(cost.Ticks * 10, TimeSpan.FromMilliseconds(20).Ticks)), TestContext.Current.CancellationToken);
        using JsonDocument second = await Json(engine.Inspector, "/summary");
        Assert.Equal(first.RootElement.GetProperty("frame").GetInt64(), second.RootElement.GetProperty("frame").GetInt64());
    }

    [Fact]
    public void A_negative_request_rate_is_refused()
    {
        using var registry = new ResourceRegistry();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ResourceInspector.Start(registry, new InspectorOptions { MaxRequestsPerSecond = -1 }));
        Assert.Contains("0 (no limit) to", error.Message, StringComparison.Ordinal);
    }
}
