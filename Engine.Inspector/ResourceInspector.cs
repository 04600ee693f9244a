using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engine.Resources;
using Engine.Inspector.Http;
using Engine.Inspector.Live;
using Engine.Inspector.Page;
using Engine.Resources.Counters;
using Serilog;

namespace Engine.Inspector;

/// <summary>
/// An opt-in, read-only HTTP endpoint on a running engine's registry. Every answer about the forest comes from a
/// capture the owner thread takes at its next update (<see cref="ResourceRegistry.CaptureSnapshotAsync"/>), never from
/// the live forest, so a request never races with the frame; a capture serves every request of the next 100 ms (more
/// on large forests: captures take at most 2% of the owner thread), and
/// requests start at most <see cref="InspectorOptions.MaxRequestsPerSecond"/> a second, so clients cannot take the
/// frame's time. With no client attached the frame pays one check. Every
/// request needs the token: query <c>token=</c>, header <c>Authorization: Bearer</c>, or the cookie the page's first
/// answer sets; else 401. Nothing over the wire can create, move or destroy a resource.
/// <list type="table">
/// <item><term>GET /</term><description>the web page (tree with search, counts over time, blocked chains, growing groups).</description></item>
/// <item><term>GET /health</term><description>liveness: frame and live resources (no capture).</description></item>
/// <item><term>GET /snapshot</term><description>the <c>.ressnap</c> bytes: every resdump command works on them.</description></item>
/// <item><term>GET /summary</term><description>JSON: counts per kind and state, per-frame created/destroyed, blocked chains with causes, growing groups, memory containers (used, free, fragmentation).</description></item>
/// <item><term>GET /forest</term><description>JSON: every resource with its parent, for the page's tree.</description></item>
/// <item><term>GET /events</term><description>server-sent events: one per frame with its counters.</description></item>
/// </list>
/// </summary>
public sealed class ResourceInspector : IDisposable
{
    private readonly ResourceRegistry _registry;
    private readonly InspectorOptions _options;
    private readonly HttpListener _listener = new();
    private readonly string _token;
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();
    private readonly FrameCounterPump _frames;
    private readonly CaptureCache _captures;
    private readonly string _cookieName;
    private readonly RequestPacer _pacer;

    private ResourceInspector(ResourceRegistry registry, InspectorOptions options, int port)
    {
        _registry = registry;
        _options = options;
        _token = options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Port = port;
        _cookieName = $"inspector-token-{port}"; // cookies are per host, not per port: one per inspector
        _frames = new FrameCounterPump(registry);
        _captures = new CaptureCache(registry, _frames, options.CaptureTimeout, _stop.Token);
        _pacer = new RequestPacer(options.MaxRequestsPerSecond);
        _listener.Prefixes.Add($"http://{Host(options.Address)}:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary>The address to open, token included: <c>http://127.0.0.1:PORT/?token=…</c>.</summary>
    public Uri Url => new($"http://{Host(_options.Address)}:{Port}/?token={_token}");

    /// <summary>The access token requests must carry.</summary>
    public string Token => _token;

    /// <summary>
    /// Starts listening and logs one line, <c>inspector: http://127.0.0.1:PORT/?token=…</c>. Throws
    /// <see cref="ArgumentOutOfRangeException"/> for a port outside 0..65535 and <see cref="ArgumentException"/> for a
    /// non-loopback address without <see cref="InspectorOptions.AllowRemote"/>.
    /// </summary>
    public static ResourceInspector Start(ResourceRegistry registry, InspectorOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new InspectorOptions();
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "the inspector's port must be between 0 (any free port) and 65535");
        }

        if (!IPAddress.IsLoopback(options.Address) && !options.AllowRemote)
        {
            throw new ArgumentException(
                $"the inspector binds to loopback only unless AllowRemote is set; {options.Address} would expose the engine's forest to the network", nameof(options));
        }

        if (options.MaxRequestsPerSecond is < 0 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRequestsPerSecond, "the inspector's MaxRequestsPerSecond must be 0 (no limit) to 1,000,000");
        }

        if (options.Token is { Length: 0 })
        {
            throw new ArgumentException("the inspector's token must not be empty", nameof(options));
        }

        var inspector = new ResourceInspector(registry, options, options.Port != 0 ? options.Port : FreePort(options.Address));
        (logger ?? Serilog.Core.Logger.None).Information("inspector: {Url}", inspector.Url.ToString());
        return inspector;
    }

    /// <summary>Stops listening; requests in progress are answered or dropped.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _frames.Dispose();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closing the listener ends the accept loop with an exception.
        }

        _stop.Dispose();
    }

    private static string Host(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    private static int FreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }

            try
            {
                await _pacer.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Response.Abort();
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            HttpListenerRequest request = context.Request;
            if (!Authorized(request))
            {
                await Responses.Text(response, 401, "401 unauthorized: open the address of the inspector's start line (?token=…) or send Authorization: Bearer …").ConfigureAwait(false);
                return;
            }

            foreach (string? key in request.QueryString.AllKeys)
            {
                if (key != "token" || request.QueryString.GetValues(key)?.Length != 1)
                {
                    // Nothing of the input is echoed back: the answer cannot carry markup or script.
                    await Responses.Text(response, 400, "400 bad request: the only query parameter is token, once").ConfigureAwait(false);
                    return;
                }
            }

            if (request.HttpMethod != "GET")
            {
                response.AddHeader("Allow", "GET");
                await Responses.Text(response, 405, "405 method not allowed: the inspector is read-only (GET)").ConfigureAwait(false);
                return;
            }

            await RouteAsync(request.Url?.AbsolutePath ?? "/", request, response).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await Responses.Text(response, 503, "503 the engine did not run an update in time to take the capture").ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            await Responses.Text(response, 503, "503 the engine's registry was shut down").ConfigureAwait(false);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Stopping: the client sees the connection close.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception)
            {
                // The client went away.
            }
        }
    }

    private bool Authorized(HttpListenerRequest request)
    {
        string? given = request.QueryString["token"];
        string? header = request.Headers["Authorization"];
        if (given is null && header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            given = header["Bearer ".Length..].Trim();
        }

        given ??= request.Cookies[_cookieName]?.Value;

        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(_token));
    }

    private async Task RouteAsync(string path, HttpListenerRequest request, HttpListenerResponse response)
    {
        switch (path)
        {
            case "/health":
                await Responses.Json(response, 200, writer =>
                {
                    writer.WriteString("status", "ok");
                    writer.WriteNumber("frame", _registry.Frame);
                    writer.WriteNumber("resources", _registry.Count);
                    writer.WriteNumber("managedHeapBytes", GC.GetTotalMemory(forceFullCollection: false));
                }).ConfigureAwait(false);
                break;
            case "/snapshot":
                response.AddHeader("Content-Disposition", "attachment; filename=\"live.ressnap\"");
                await Responses.Bytes(response, 200, "application/octet-stream", (await _captures.CurrentAsync().ConfigureAwait(false)).Bytes).ConfigureAwait(false);
                break;
            case "/summary":
                await Responses.Bytes(response, 200, Responses.JsonType, _captures.Summary(await _captures.CurrentAsync().ConfigureAwait(false))).ConfigureAwait(false);
                break;
            case "/forest":
                await Responses.Bytes(response, 200, Responses.JsonType, _captures.Forest(await _captures.CurrentAsync().ConfigureAwait(false))).ConfigureAwait(false);
                break;
            case "/events":
                await StreamFramesAsync(response).ConfigureAwait(false);
                break;
            default:
                if (PageAssets.TryGet(path, out byte[] asset, out string contentType))
                {
                    if (request.QueryString["token"] is not null)
                    {
                        // The page's own requests (script, style, JSON, events) carry the token as a cookie: same
                        // origin only, not readable by script, gone with the browser session.
                        response.AppendHeader("Set-Cookie", $"{_cookieName}={_token}; Path=/; HttpOnly; SameSite=Strict");
                    }

                    await Responses.Bytes(response, 200, contentType, asset).ConfigureAwait(false);
                    break;
                }

                await Responses.Text(response, 404, "404 not found: the inspector serves /, /health, /snapshot, /summary, /forest and /events").ConfigureAwait(false);
                break;
        }
    }

    /// <summary><c>/events</c>: one server-sent event per frame (<c>id:</c> the frame, <c>data:</c> its counters as
    /// JSON), sent in batches every 100 ms, a comment line every 5 s when nothing happens; ends when the client goes or
    /// the inspector stops.</summary>
    private async Task StreamFramesAsync(HttpListenerResponse response)
    {
        var stream = _frames.OpenStream();
        if (stream is null)
        {
            await Responses.Text(response, 503, $"503 too many event streams open (at most {FrameCounterPump.MaxStreams})").ConfigureAwait(false);
            return;
        }

        try
        {
            Responses.Headers(response, 200, "text/event-stream; charset=utf-8");
            response.SendChunked = true;
            var buffer = new MemoryStream();
            Write(buffer, "retry: 2000\n\n");
            while (!_stop.IsCancellationRequested)
            {
                await response.OutputStream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), _stop.Token).ConfigureAwait(false);
                await response.OutputStream.FlushAsync(_stop.Token).ConfigureAwait(false);
                buffer.SetLength(0);
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                heartbeat.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    FrameCounters[] batch = await stream.ReadAsync(heartbeat.Token).ConfigureAwait(false);
                    foreach (FrameCounters frame in batch)
                    {
                        Write(buffer, $"id: {frame.Frame}\ndata: ");
                        using (var writer = new Utf8JsonWriter(buffer))
                        {
                            ForestSummary.WriteFrame(writer, frame);
                        }

                        Write(buffer, "\n\n");
                    }
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    Write(buffer, ": no frame in 5 s\n\n");
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    return;
                }
            }
        }
        catch (Exception error) when (error is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the inspector stops.
        }
        finally
        {
            _frames.CloseStream(stream);
        }

        static void Write(MemoryStream buffer, string text) => buffer.Write(Encoding.UTF8.GetBytes(text));
    }
}
