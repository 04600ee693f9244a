using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Engine.Inspector;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Engine.Tests.Core;

namespace Engine.Tests.Inspector;

/// <summary>
/// The inspection endpoint against an engine thread that owns its registry and runs updates: captures come from the
/// owner thread, every request needs the token, nothing but GET is served, and bad binds are refused.
/// </summary>
public sealed class InspectorTests
{
    /// <summary>An engine loop on its own thread: it owns the registry, creates a forest, updates every millisecond.</summary>
    internal sealed class EngineThread : IDisposable
    {
        private readonly Thread _thread;
        private readonly ManualResetEventSlim _ready = new();
        private volatile bool _stop;

        public EngineThread(bool updates = true, InspectorOptions? options = null, bool leak = false, Action<ResourceRegistry, ResourceHandle>? build = null)
        {
            _thread = new Thread(() =>
            {
                Registry = new ResourceRegistry();
                Registry.RegisterKind<DevicePayload>("Device");
                Registry.RegisterKind<BufferPayload>("Buffer");
                Registry.WithPlainKind<ScopePayload>(); // for what a test builds under the device
                var device = Registry.Create(new DevicePayload(), name: "gpu");
                for (int i = 0; i < 5; i++)
                {
                    Registry.Create(new BufferPayload(), device, $"buffer {i}");
                }

                build?.Invoke(Registry, device);

                Inspector = ResourceInspector.Start(Registry, options);
                _ready.Set();
                while (!_stop)
                {
                    if (updates)
                    {
                        Registry.Update();
                    }

                    if (leak)
                    {
                        Registry.Create(new BufferPayload(), device, "leaked staging buffer");
                    }

                    Thread.Sleep(1);
                }

                Inspector.Dispose();
                Registry.Shutdown();
            });
            _thread.Start();
            _ready.Wait(TimeSpan.FromSeconds(30));
        }

        public ResourceRegistry Registry { get; private set; } = null!;

        public ResourceInspector Inspector { get; private set; } = null!;

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
            _ready.Dispose();
        }
    }

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    internal static Uri At(ResourceInspector inspector, string path, bool token = true) =>
        new($"http://127.0.0.1:{inspector.Port}{path}{(token ? $"?token={inspector.Token}" : "")}");

    [Fact]
    public async Task Snapshot_and_summary_come_from_the_owner_thread_and_read_like_any_snapshot()
    {
        using var engine = new EngineThread();
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Assert.Equal("127.0.0.1", engine.Inspector.Url.Host);
        Assert.Equal($"#token={engine.Inspector.Token}", engine.Inspector.Url.Fragment); // never sent by a browser
        Assert.Equal("", engine.Inspector.Url.Query);

        byte[] bytes = await Http.GetByteArrayAsync(At(engine.Inspector, "/snapshot"), cancel);
        ResourceSnapshot snapshot = SnapshotReader.Read(bytes, "live");
        Assert.Equal(6, snapshot.Records.Count);
        Assert.Contains(snapshot.Records, r => r.Name == "buffer 4" && r.Kind == "Buffer");

        using JsonDocument summary = JsonDocument.Parse(await Http.GetStringAsync(At(engine.Inspector, "/summary"), cancel));
        Assert.Equal(5, summary.RootElement.GetProperty("kinds").GetProperty("Buffer").GetInt32());
        Assert.Equal(6, summary.RootElement.GetProperty("states").GetProperty("Alive").GetInt32());

        using JsonDocument health = JsonDocument.Parse(await Http.GetStringAsync(At(engine.Inspector, "/health"), cancel));
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());

        // The token also works as a bearer header.
        using var request = new HttpRequestMessage(HttpMethod.Get, At(engine.Inspector, "/health", token: false));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", engine.Inspector.Token);
        using HttpResponseMessage bearer = await Http.SendAsync(request, cancel);
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    [Theory]
    [InlineData("/snapshot", null, "GET", HttpStatusCode.Unauthorized)]
    [InlineData("/health", "wrong-token", "GET", HttpStatusCode.Unauthorized)]
    [InlineData("/nothing-here", "", "GET", HttpStatusCode.NotFound)]
    [InlineData("/snapshot", "", "POST", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/snapshot", "", "DELETE", HttpStatusCode.MethodNotAllowed)]
    [InlineData("/snapshot", "&frames=%3Cscript%3E", "GET", HttpStatusCode.BadRequest)]
    [InlineData("/health", "&token=again", "GET", HttpStatusCode.Unauthorized)] // two tokens are no token
    [InlineData("/%3Cscript%3Ealert(1)%3C/script%3E", "", "GET", HttpStatusCode.NotFound)]
    public async Task Requests_without_the_token_or_outside_the_read_only_api_are_refused(string path, string? token, string method, HttpStatusCode expected)
    {
        using var engine = new EngineThread();
        string query = token switch
        {
            null => "",
            "" => $"?token={engine.Inspector.Token}",
            _ when token.StartsWith('&') => $"?token={engine.Inspector.Token}{token}",
            _ => $"?token={token}",
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"http://127.0.0.1:{engine.Inspector.Port}{path}{query}"));
        using HttpResponseMessage response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<", body, StringComparison.Ordinal); // plain text, nothing reflected as HTML
        Assert.Equal(6, engine.Registry.Count); // nothing changed
    }

    [Fact]
    public void Resdump_attach_runs_commands_against_the_live_engine()
    {
        using var engine = new EngineThread();
        string url = engine.Inspector.Url.ToString();

        Dump.DumpRun tree = Dump.DumpRunner.Run("attach", url, "tree");
        Assert.True(tree.ExitCode == 0, tree.Stderr);
        Assert.Contains("Buffer \"buffer 4\"", tree.Stdout, StringComparison.Ordinal);

        Dump.DumpRun validate = Dump.DumpRunner.Run("attach", url, "validate");
        Assert.True(validate.ExitCode == 0, validate.Stderr);

        // Two live captures 5 frames apart: nothing grows.
        Dump.DumpRun leaks = Dump.DumpRunner.Run("attach", url, "leaks", "--frames", "5");
        Assert.True(leaks.ExitCode == 0, leaks.Stdout + leaks.Stderr);

        Dump.DumpRun refused = Dump.DumpRunner.Run("attach", $"http://127.0.0.1:{engine.Inspector.Port}/?token=wrong", "stats");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(
            "resdump: attach: the inspector refused the token (401): use the URL of its start line, token included, or set RESDUMP_TOKEN (or RESDUMP_TOKEN_FILE, a file holding it)",
            refused.Stderr.Trim());

        Dump.DumpRun notUrl = Dump.DumpRunner.Run("attach", "not a url", "stats");
        Assert.Equal(2, notUrl.ExitCode);
        Assert.Single(notUrl.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Resdump_takes_the_token_from_the_url_the_environment_or_a_file_and_sends_it_only_as_a_header()
    {
        using var engine = new EngineThread();
        string bare = $"http://127.0.0.1:{engine.Inspector.Port}/";
        string file = Path.Combine(Path.GetTempPath(), $"inspector-token-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, engine.Inspector.Token + "\n", TestContext.Current.CancellationToken);
        try
        {
            (int Exit, string Out, string Err) Run(Dictionary<string, string> variables, params string[] args)
            {
                var stdout = new StringWriter { NewLine = "\n" };
                var stderr = new StringWriter { NewLine = "\n" };
                var env = new Engine.Dump.DumpEnvironment(stdout, stderr) { Variable = name => variables.GetValueOrDefault(name) };
                return (Engine.Dump.DumpApp.Run(args, env), stdout.ToString(), stderr.ToString());
            }

            var none = new Dictionary<string, string>();
            Assert.Equal(0, Run(none, "attach", engine.Inspector.Url.ToString(), "stats").Exit); // #token=… as printed
            Assert.Equal(0, Run(new() { ["RESDUMP_TOKEN"] = engine.Inspector.Token }, "attach", bare, "stats").Exit);
            Assert.Equal(0, Run(new() { ["RESDUMP_TOKEN_FILE"] = file }, "watch", bare, "--samples", "1").Exit);

            var missing = Run(none, "attach", bare, "stats");
            Assert.Equal(2, missing.Exit);
            Assert.Contains("RESDUMP_TOKEN", missing.Err, StringComparison.Ordinal);
            var unreadable = Run(new() { ["RESDUMP_TOKEN_FILE"] = file + ".gone" }, "attach", bare, "stats");
            Assert.Equal(2, unreadable.Exit);
            Assert.StartsWith("resdump: attach: cannot read the token file RESDUMP_TOKEN_FILE=", unreadable.Err, StringComparison.Ordinal);
            Assert.Single(unreadable.Err.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(file);
        }

        // What goes over the wire: a server that records the request and refuses it.
        using var recorder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        recorder.Start();
        int port = ((IPEndPoint)recorder.LocalEndpoint).Port;
        Task<string> received = Task.Run(async () =>
        {
            using var client = await recorder.AcceptTcpClientAsync(TestContext.Current.CancellationToken);
            var buffer = new byte[8192];
            int read = await client.GetStream().ReadAsync(buffer, TestContext.Current.CancellationToken);
            await client.GetStream().WriteAsync("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        }, TestContext.Current.CancellationToken);
        Dump.DumpRun refused = Dump.DumpRunner.Run("attach", $"http://127.0.0.1:{port}/?token={engine.Inspector.Token}", "stats");
        Assert.Equal(2, refused.ExitCode);
        string request = await received;
        Assert.StartsWith("GET /snapshot HTTP/1.1\r\n", request, StringComparison.Ordinal); // no token in the request line (server logs)
        Assert.Contains($"\r\nAuthorization: Bearer {engine.Inspector.Token}\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Resdump_watch_flags_a_kind_that_keeps_growing_and_not_a_steady_one()
    {
        using (var leaking = new EngineThread(leak: true))
        {
            Dump.DumpRun watch = Dump.DumpRunner.Run("watch", leaking.Inspector.Url.ToString(), "--interval-ms", "300", "--samples", "8"); // beyond a capture's reuse (100 ms or more; longer on a loaded machine, when repeated captures are skipped)
            Assert.True(watch.ExitCode == 1, watch.Stdout + watch.Stderr);
            Assert.Contains("GROWING: Buffer rose in each of the last 3 samples", watch.Stdout, StringComparison.Ordinal);
            Assert.EndsWith("growing: Buffer", watch.Stdout.Trim(), StringComparison.Ordinal);
        }

        using var steady = new EngineThread();
        Dump.DumpRun quiet = Dump.DumpRunner.Run("watch", steady.Inspector.Url.ToString(), "--interval-ms", "50", "--samples", "4");
        Assert.True(quiet.ExitCode == 0, quiet.Stdout + quiet.Stderr);
        Assert.DoesNotContain("GROWING", quiet.Stdout, StringComparison.Ordinal);

        Dump.DumpRun bad = Dump.DumpRunner.Run("watch", steady.Inspector.Url.ToString(), "--samples", "0");
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task An_engine_that_stops_updating_gets_503_after_the_capture_timeout()
    {
        using var engine = new EngineThread(updates: false, new InspectorOptions { CaptureTimeout = TimeSpan.FromMilliseconds(200) });
        using HttpResponseMessage response = await Http.GetAsync(At(engine.Inspector, "/snapshot"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public void It_refuses_to_bind_beyond_loopback_unless_asked_and_checks_its_arguments()
    {
        using var registry = new ResourceRegistry();
        var remote = Assert.Throws<ArgumentException>(() => ResourceInspector.Start(registry, new InspectorOptions { Address = IPAddress.Any }));
        Assert.Contains("loopback", remote.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResourceInspector.Start(registry, new InspectorOptions { Port = 70000 }));
        Assert.Throws<ArgumentException>(() => ResourceInspector.Start(registry, new InspectorOptions { Token = "" }));
        Assert.Throws<ArgumentException>(() => ResourceInspector.Start(registry, new InspectorOptions { Token = "secret" }));
    }

    [Fact]
    public async Task A_capture_requested_before_shutdown_fails_instead_of_hanging()
    {
        var registry = new ResourceRegistry();
        Task<byte[]> capture = registry.CaptureSnapshotAsync(TestContext.Current.CancellationToken);
        registry.Shutdown();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => capture);
        Assert.Throws<ObjectDisposedException>(() => { _ = registry.CaptureSnapshotAsync(TestContext.Current.CancellationToken); });
    }
}
