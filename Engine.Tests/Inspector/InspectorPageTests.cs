using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Engine.Resources;
using Engine.Tests.Core;

namespace Engine.Tests.Inspector;

/// <summary>
/// The inspector's web page in a real browser (Debian's chromium, headless, through its DevTools protocol): loaded
/// from a running demo it shows the forest, searches it, plots counts per kind, streams per-frame counters, explains
/// blocked chains and flags the leak the demo was told to make; with hostile names it shows text and runs nothing.
/// Every test also requires that the page threw nothing and broke no Content-Security-Policy rule.
/// </summary>
[Collection(MeasuresProcessCollection.Name)] // a browser and a demo: never alongside the tests that measure the process
public sealed class InspectorPageTests
{
    /// <summary>Where the screenshot for the docs goes when ENGINE_UPDATE_SCREENSHOTS=1.</summary>
    private static string DocsScreenshot =>
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "docs", "examples", "inspector.png");

    private static async Task<string> Text(HeadlessChromium page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector({JsonValue.Create(selector).ToJsonString()})?.textContent ?? ''"))!.GetValue<string>();

    private static async Task Search(HeadlessChromium page, string query) =>
        await page.EvaluateAsync(
            $"(() => {{ const s = document.getElementById('search'); s.value = {JsonValue.Create(query).ToJsonString()}; s.dispatchEvent(new Event('input')); }})()");

    [Fact]
    public async Task The_page_of_a_running_demo_shows_its_forest_frames_blocked_chains_and_the_leak_growing()
    {
        await using InspectedDemo demo = await InspectedDemo.StartAsync("--leak-every", "5");
        await using HeadlessChromium page = await HeadlessChromium.LaunchAsync();
        await page.NavigateAsync(demo.Url);

        // The tree: the instance is a root, opened; the device below it; a click folds it.
        await page.WaitForAsync("document.querySelector('#tree > li[data-kind=\"VkInstance\"] li[data-kind=\"VkDevice\"]')", TimeSpan.FromSeconds(30));
        Assert.Equal("", (await page.EvaluateAsync("location.search"))!.GetValue<string>()); // the token left the address bar
        await page.WaitForAsync("Number(document.getElementById('frame').textContent) > 0", TimeSpan.FromSeconds(20));
        await page.EvaluateAsync("document.querySelector('#tree > li[data-kind=\"VkInstance\"] > .toggle').click()");
        Assert.True((await page.EvaluateAsync("document.querySelector('#tree > li[data-kind=\"VkInstance\"] > ul').hidden"))!.GetValue<bool>());
        await page.EvaluateAsync("document.querySelector('#tree > li[data-kind=\"VkInstance\"] > .toggle').click()");
        Assert.False((await page.EvaluateAsync("document.querySelector('#tree > li[data-kind=\"VkInstance\"] > ul').hidden"))!.GetValue<bool>());

        // Search by kind and name: only the leaked buffers match, shown with their ancestors.
        await Search(page, "kind:VkBuffer leaked");
        await page.WaitForAsync("/^[1-9][0-9]* match/.test(document.getElementById('tree-status').textContent)", TimeSpan.FromSeconds(10));
        JsonArray matched = (await page.EvaluateAsync("[...document.querySelectorAll('#tree li.match > .label')].map(l => l.textContent)"))!.AsArray();
        Assert.NotEmpty(matched);
        Assert.All(matched, label => Assert.StartsWith("VkBuffer \"leaked staging buffer\"", label!.GetValue<string>(), StringComparison.Ordinal));
        await Search(page, "state:alive kind:VkInstance");
        await page.WaitForAsync("document.getElementById('tree-status').textContent.startsWith('1 match ')", TimeSpan.FromSeconds(10));
        await Search(page, "no such resource anywhere");
        await page.WaitForAsync("document.getElementById('tree-status').textContent.startsWith('0 matches')", TimeSpan.FromSeconds(10));
        await Search(page, "");

        // Per-frame counters arrive on the event stream; counts per kind are plotted; the chains explain themselves.
        await page.WaitForAsync("document.getElementById('stream-status').textContent === 'live'", TimeSpan.FromSeconds(20));
        await page.WaitForAsync("/^frame [0-9]+: \\+[0-9]+ created/.test(document.getElementById('frames-live').textContent)", TimeSpan.FromSeconds(20));
        await page.WaitForAsync("document.querySelector('#legend li[data-kind=\"VkBuffer\"]') && document.querySelector('#plot polyline[data-kind=\"VkBuffer\"]').getAttribute('points').split(' ').length >= 3", TimeSpan.FromSeconds(20));
        await page.WaitForAsync("document.querySelector('#blocked li[data-cause=\"gpu\"]')", TimeSpan.FromSeconds(20));
        Assert.Contains("waits for GPU work to complete", await Text(page, "#blocked li[data-cause=\"gpu\"]"), StringComparison.Ordinal);

        // GPU memory: each block with what its sub-allocations use, as resdump stats shows it.
        await page.WaitForAsync("document.querySelector('#memory li[data-handle]')", TimeSpan.FromSeconds(20));
        Assert.Matches("^[0-9.]+ [KMG]?i?B used of [0-9.]+ [KMG]?i?B in [0-9]+ containers?, [0-9]+ ranges", await Text(page, "#memory-status"));
        string block = await Text(page, "#memory li");
        Assert.StartsWith("MemoryBlock \"memory block type ", block, StringComparison.Ordinal);
        Assert.Matches("used [0-9.]+ [KMG]?i?B of [0-9.]+ [KMG]?i?B · free .* · [0-9]+ ranges · largest free [0-9.]+ [KMG]?i?B · fragmentation [0-9.]+%$", block);

        // The deliberate leak is flagged as growing, by kind, name and owner.
        await page.WaitForAsync("document.querySelector('#growing li[data-kind=\"VkBuffer\"]')", TimeSpan.FromSeconds(30));
        string growing = await Text(page, "#growing li[data-kind=\"VkBuffer\"]");
        Assert.Contains("VkBuffer \"leaked staging buffer\"", growing, StringComparison.Ordinal);
        Assert.Contains("VkDevice \"device\"", growing, StringComparison.Ordinal);

        await page.EvaluateAsync("document.querySelector('#tree li[data-kind=\"VkDevice\"][aria-expanded=\"false\"] > .toggle')?.click()");
        await page.WaitForAsync("document.querySelectorAll('#tree li').length > 20", TimeSpan.FromSeconds(10));
        byte[] png = await page.ScreenshotAsync();
        Assert.True(png.Length > 20_000, $"a screenshot of {png.Length} bytes");
        if (Environment.GetEnvironmentVariable("ENGINE_UPDATE_SCREENSHOTS") == "1")
        {
            await File.WriteAllBytesAsync(DocsScreenshot, png, TestContext.Current.CancellationToken);
        }

        Assert.True(page.Problems.Count == 0, string.Join("\n", page.Problems));
        (int exit, string output) = await demo.StopAsync();
        Assert.True(exit is 0 or 1, $"exit {exit}\n{output}"); // 1: the leak the demo was asked to make is reported
        Assert.Contains("validation: errors=0 warnings=0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_with_more_children_than_a_page_and_a_search_with_more_matches_page_on_click()
    {
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            var many = registry.Create(new ScopePayload(), device, "many");
            for (int i = 0; i < 1_234; i++)
            {
                registry.Create(new BufferPayload(), many, $"child {i}");
            }
        });
        await using HeadlessChromium page = await HeadlessChromium.LaunchAsync();
        await page.NavigateAsync(engine.Inspector.Url);
        const string Many = "[...document.querySelectorAll('#tree li')].find(li => li.querySelector(':scope > .label').textContent.includes('\"many\"'))";
        await page.WaitForAsync(Many, TimeSpan.FromSeconds(30));
        await page.EvaluateAsync($"{Many}.querySelector(':scope > .toggle').click()");
        string shown = $"{Many}.querySelectorAll(':scope > ul > li[data-handle]').length";
        string more = $"{Many}.querySelector(':scope > ul > li.more')";
        await page.WaitForAsync($"{shown} === 500 && {more}", TimeSpan.FromSeconds(20));
        Assert.Equal("… 734 more (show more)", (await page.EvaluateAsync($"{more}.textContent"))!.GetValue<string>());
        await page.EvaluateAsync($"{more}.click()");
        await page.WaitForAsync($"{shown} === 1000", TimeSpan.FromSeconds(20));
        await page.EvaluateAsync($"{more}.click()");
        await page.WaitForAsync($"{shown} === 1234 && !{more}", TimeSpan.FromSeconds(20));

        await Search(page, "child");
        await page.WaitForAsync("document.getElementById('tree-status').textContent.startsWith('1234 matches (first 500 shown)')", TimeSpan.FromSeconds(20));
        Assert.Equal(500, (await page.EvaluateAsync("document.querySelectorAll('#tree li.match').length"))!.GetValue<int>());
        await page.EvaluateAsync("document.querySelector('#tree > li.more').click()");
        await page.WaitForAsync("document.querySelectorAll('#tree li.match').length === 1000", TimeSpan.FromSeconds(20));
        Assert.StartsWith("1234 matches (first 1000 shown)", await Text(page, "#tree-status"), StringComparison.Ordinal);
        Assert.True(page.Problems.Count == 0, string.Join("\n", page.Problems));
    }

    private const string ImgName = "<img src=x onerror=\"window.__pwned=1\">";
    private const string ScriptName = "\"><script>window.__pwned=2</script>";
    private const string SvgName = "</li><svg onload=window.__pwned=3>";
    private const string FaultMessage = "<b onmouseover=window.__pwned=4>boom</b>";

    [Fact]
    public async Task Hostile_names_and_fault_messages_show_as_text_and_run_nothing()
    {
        using var engine = new InspectorTests.EngineThread(build: (registry, device) =>
        {
            registry.RegisterKind<ImagePayload>("<i>Image</i>", (ref ImagePayload _) => throw new InvalidOperationException(FaultMessage));
            var holder = registry.Create(new ScopePayload(), device, ScriptName);
            var image = registry.Create(new ImagePayload(), holder, ImgName);
            registry.Create(new BufferPayload(), device, SvgName);
            registry.Create(new BufferPayload(), device, "line1\nline2\u202Eevil\u0007 \ud800 end");
            registry.Create(new BufferPayload(), device, new string('A', 5000));
            registry.RequestDestroy(image);
            registry.RequestDestroy(holder);
        });
        await using HeadlessChromium page = await HeadlessChromium.LaunchAsync();
        await page.NavigateAsync(engine.Inspector.Url);
        await page.WaitForAsync("document.querySelectorAll('#tree li').length >= 10", TimeSpan.FromSeconds(30));
        await page.WaitForAsync("document.querySelector('#blocked li[data-cause=\"faulted\"]')", TimeSpan.FromSeconds(20));

        await page.WaitForAsync( // open every node (each click fetches that node's children from the server)
            "(() => { const closed = document.querySelectorAll('#tree li[aria-expanded=\"false\"] > .toggle'); closed.forEach(t => t.click()); " +
            "return closed.length === 0 && [...document.querySelectorAll('#tree .label')].some(l => l.textContent.includes('onerror')); })()", TimeSpan.FromSeconds(20));
        Assert.Equal("undefined", (await page.EvaluateAsync("typeof window.__pwned"))!.GetValue<string>());
        Assert.Equal(0, (await page.EvaluateAsync("document.querySelectorAll('img, script:not([src]), b, i, #tree svg, #blocked svg').length"))!.GetValue<int>());
        JsonArray labels = (await page.EvaluateAsync("[...document.querySelectorAll('#tree .label')].map(l => l.textContent)"))!.AsArray();
        string all = string.Join("\n", labels.Select(l => l!.GetValue<string>()));
        Assert.Contains("<img src=x onerror=\\\"window.__pwned=1\\\">", all, StringComparison.Ordinal); // as the registry's labels escape quotes
        Assert.Contains("</li><svg onload=window.__pwned=3>", all, StringComparison.Ordinal);
        Assert.Contains("line1\\nline2\\u202Eevil\\u0007", all, StringComparison.Ordinal); // one line, the override visible, not applied
        Assert.Contains("(+4,744 chars)", all, StringComparison.Ordinal); // cut, not 5,000 characters of label
        Assert.Contains("<i>Image</i>", all, StringComparison.Ordinal);
        string blocked = await Text(page, "#blocked");
        Assert.Contains("destroy callback failed: ", blocked, StringComparison.Ordinal);
        Assert.Contains("<b onmouseover=window.__pwned=4>boom</b>", blocked, StringComparison.Ordinal);

        await Search(page, "onerror");
        await page.WaitForAsync("document.getElementById('tree-status').textContent.startsWith('1 match ')", TimeSpan.FromSeconds(10));
        Assert.Equal("undefined", (await page.EvaluateAsync("typeof window.__pwned"))!.GetValue<string>());
        Assert.True(page.Problems.Count == 0, string.Join("\n", page.Problems));
    }

    [Fact]
    public async Task The_token_reaches_no_other_local_port_and_stays_out_of_the_address_bar_and_the_history()
    {
        using var engine = new InspectorTests.EngineThread();
        string token = engine.Inspector.Token;
        int port = engine.Inspector.Port;

        // Another local server, as any process on the machine could run: it records what the browser sends it.
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        int otherPort = ((IPEndPoint)other.LocalEndpoint).Port;
        var received = new ConcurrentQueue<string>();
        using var stopOther = new CancellationTokenSource();
        Task serving = Task.Run(async () =>
        {
            while (!stopOther.IsCancellationRequested)
            {
                using TcpClient client = await other.AcceptTcpClientAsync(stopOther.Token);
                NetworkStream stream = client.GetStream();
                var request = new StringBuilder();
                var buffer = new byte[4096];
                while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer, stopOther.Token) is int read and > 0)
                {
                    request.Append(Encoding.Latin1.GetString(buffer, 0, read));
                }

                received.Enqueue(request.ToString());
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), stopOther.Token);
            }
        }, TestContext.Current.CancellationToken);

        await using HeadlessChromium page = await HeadlessChromium.LaunchAsync();
        await page.NavigateAsync(engine.Inspector.Url);
        await page.WaitForAsync("document.querySelectorAll('#tree li').length >= 6", TimeSpan.FromSeconds(30));
        await page.WaitForAsync("document.getElementById('stream-status').textContent === 'live'", TimeSpan.FromSeconds(20));
        Assert.Equal($"http://127.0.0.1:{port}/", (await page.EvaluateAsync("location.href"))!.GetValue<string>());
        Assert.All(await page.HistoryAsync(), url => Assert.DoesNotContain(token, url, StringComparison.Ordinal));
        Assert.Equal(0, (await page.EvaluateAsync("document.cookie.length"))!.GetValue<int>());

        // The browser goes to the other port (same host: a cookie for 127.0.0.1 would travel with it).
        await page.NavigateAsync(new Uri($"http://127.0.0.1:{otherPort}/probe"));
        await page.WaitForAsync("document.body && document.body.textContent === 'ok'", TimeSpan.FromSeconds(10));
        string probe = Assert.Single(received, r => r.StartsWith("GET /probe ", StringComparison.Ordinal));
        Assert.All(received, r => Assert.DoesNotContain(token, r, StringComparison.Ordinal));
        Assert.DoesNotContain("\r\nCookie:", probe, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\r\nAuthorization:", probe, StringComparison.OrdinalIgnoreCase);

        // Back to the inspector's bare address (no token anywhere in it): the tab's session storage, kept per port, has it.
        await page.NavigateAsync(new Uri($"http://127.0.0.1:{port}/"));
        await page.WaitForAsync("document.querySelectorAll('#tree li').length >= 6", TimeSpan.FromSeconds(30));
        Assert.All(await page.HistoryAsync(), url => Assert.DoesNotContain(token, url, StringComparison.Ordinal));
        Assert.True(page.Problems.Count == 0, string.Join("\n", page.Problems));

        stopOther.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
    }
}
