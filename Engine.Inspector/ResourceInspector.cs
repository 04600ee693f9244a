using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engine.Resources;
using Engine.Inspector.Http;
using Engine.Inspector.Live;
using Engine.Inspector.Page;
using Engine.Resources.Counters;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace Engine.Inspector;

/// <summary>
/// An opt-in, read-only HTTP endpoint on a running engine's registry. Every answer about the forest comes from a
/// capture the owner thread takes at its next update (<see cref="ResourceRegistry.CaptureSnapshotAsync"/>), never from
/// the live forest, so a request never races with the frame; a capture serves every request of the next 100 ms (more
/// on large forests: captures take at most 2% of the owner thread), and
/// authorised requests start at most <see cref="InspectorOptions.MaxRequestsPerSecond"/> a second, so clients cannot take
/// the frame's time. With no client attached the frame pays one check. Every request for the engine's data needs the
/// token (header <c>Authorization: Bearer</c> or query <c>token=</c>), checked first: without it, 401 at once, never
/// queued; the page's static files need none (the page takes the token from the address's fragment and sends it as a
/// header). Nothing over the wire can create, move or destroy a resource. The security model: docs/inspector.md.
/// <list type="table">
/// <item><term>GET /</term><description>the web page (tree with search, counts over time, blocked chains, growing groups).</description></item>
/// <item><term>GET /health</term><description>liveness: frame and live resources (no capture).</description></item>
/// <item><term>GET /snapshot</term><description>the <c>.ressnap</c> bytes: every resdump command works on them.</description></item>
/// <item><term>GET /summary</term><description>JSON: counts per kind and state, per-frame created/destroyed, blocked chains with causes, growing groups, memory containers (used, free, fragmentation).</description></item>
/// <item><term>GET /forest</term><description>JSON: one page of the forest for the page's tree: the roots, the children
/// of <c>parent=HANDLE</c>, or the matches of <c>q=TEXT</c> with their ancestors; <c>from=N</c> pages on.</description></item>
/// <item><term>GET /events</term><description>server-sent events: one per frame with its counters.</description></item>
/// </list>
/// </summary>
public sealed class ResourceInspector : IDisposable
{
    private readonly ResourceRegistry _registry;
    private readonly InspectorOptions _options;
    private readonly ILogger _log;
    private readonly string _token;
    private readonly InspectorServer _server;
    private readonly RequestGate _gate;
    private readonly CancellationTokenSource _stop = new();
    private readonly FrameCounterPump _frames;
    private readonly CaptureCache _captures;
    private readonly RequestPacer _pacer;

    private ResourceInspector(ResourceRegistry registry, InspectorOptions options, ILogger log)
    {
        _registry = registry;
        _options = options;
        _log = log;
        _token = options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        _frames = new FrameCounterPump(registry);
        _captures = new CaptureCache(registry, _frames, options.CaptureTimeout, _stop.Token);
        _pacer = new RequestPacer(options.MaxRequestsPerSecond);
        _server = InspectorServer.Start(options, AnswerAsync);
        _gate = new RequestGate(options.Address, _server.Port, _token);
    }

    /// <summary>The port listened on.</summary>
    public int Port => _server.Port;

    /// <summary>The address to open, token in its fragment (never sent over the wire, removed from the address bar
    /// and the history by the page): <c>http://127.0.0.1:PORT/#token=…</c>.</summary>
    public Uri Url => new($"http://{RequestGate.HostOf(_options.Address)}:{Port}/#token={_token}");

    /// <summary>The access token requests must carry.</summary>
    public string Token => _token;

    /// <summary>
    /// Starts listening and logs one line, <c>inspector: http://127.0.0.1:PORT/#token=…</c>. Throws
    /// <see cref="ArgumentOutOfRangeException"/> for an option outside its range (the port, 0..65535; the limits: see
    /// <see cref="InspectorOptions"/>) and <see cref="ArgumentException"/> for a non-loopback address without
    /// <see cref="InspectorOptions.AllowRemote"/> or a weak token.
    /// </summary>
    public static ResourceInspector Start(ResourceRegistry registry, InspectorOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new InspectorOptions();
        InspectorOptionsCheck.Check(options);
        logger ??= Serilog.Core.Logger.None;
        var inspector = new ResourceInspector(registry, options, logger);
        logger.Information("inspector: {Url}", inspector.Url.ToString());
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
        try
        {
            _server.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Requests that did not end in time were aborted.
        }

        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, context.RequestAborted);
        await AnswerGuard.RunAsync(context, _log, _stop.Token, done.Token, () => AdmitAndRouteAsync(context, done.Token)).ConfigureAwait(false);
    }

    private async Task AdmitAndRouteAsync(HttpContext context, CancellationToken cancel)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        string path = request.Path.Value ?? "/";
        bool page = PageAssets.TryGet(path, out byte[] asset, out string assetType);
        switch (_gate.Admit(context, needsToken: !page))
        {
            case Admission.WrongEndpoint:
                await Refuse(response, 400, "400 bad request: not this inspector's address", cancel).ConfigureAwait(false);
                return;
            case Admission.WrongHost:
                // A rebound DNS name pointing at 127.0.0.1: a web page elsewhere must not read the forest.
                await Refuse(response, 400, $"400 bad request: the Host header must be {RequestGate.HostOf(_options.Address)}:{Port}", cancel).ConfigureAwait(false);
                return;
            case Admission.NoToken:
                await Refuse(response, 401, "401 unauthorized: send Authorization: Bearer TOKEN (or ?token=TOKEN), the token of the inspector's start line", cancel).ConfigureAwait(false);
                return;
        }

        ForestRequest forest = default;
        if (path == "/forest")
        {
            if (!ForestRequest.TryParse(request.Query, out forest, out string refused))
            {
                await Responses.Text(response, 400, refused, cancel).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            foreach (string key in request.Query.Keys)
            {
                if (key != "token")
                {
                    // Nothing of the input is echoed back: the answer cannot carry markup or script.
                    await Responses.Text(response, 400, "400 bad request: the only query parameter is token, once (and on /forest: parent, from, q)", cancel).ConfigureAwait(false);
                    return;
                }
            }
        }

        if (request.Method != HttpMethods.Get)
        {
            response.Headers.Allow = "GET";
            await Responses.Text(response, 405, "405 method not allowed: the inspector is read-only (GET)", cancel).ConfigureAwait(false);
            return;
        }

        if (page)
        {
            // The same bytes for every engine, nothing of the forest: no token, no pacing.
            await Responses.Bytes(response, 200, assetType, asset, cancel).ConfigureAwait(false);
            return;
        }

        await _pacer.WaitAsync(cancel).ConfigureAwait(false);
        await RouteAsync(path, forest, response, cancel).ConfigureAwait(false);
    }

    /// <summary>A refusal closes the connection: a client without the token cannot keep a slot open between tries.</summary>
    private static Task Refuse(HttpResponse response, int status, string text, CancellationToken cancel)
    {
        response.Headers.Connection = "close";
        return Responses.Text(response, status, text, cancel);
    }

    private async Task RouteAsync(string path, ForestRequest forest, HttpResponse response, CancellationToken cancel)
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
                }, cancel).ConfigureAwait(false);
                break;
            case "/snapshot":
                response.Headers.ContentDisposition = "attachment; filename=\"live.ressnap\"";
                await Responses.Bytes(response, 200, "application/octet-stream", (await _captures.CurrentAsync().ConfigureAwait(false)).Bytes, cancel).ConfigureAwait(false);
                break;
            case "/summary":
                await Responses.Bytes(response, 200, Responses.JsonType, _captures.Summary(await _captures.CurrentAsync().ConfigureAwait(false)), cancel).ConfigureAwait(false);
                break;
            case "/forest":
                if (CaptureCache.Forest(await _captures.CurrentAsync().ConfigureAwait(false), forest) is { } page)
                {
                    await Responses.Bytes(response, 200, Responses.JsonType, page, cancel).ConfigureAwait(false);
                }
                else
                {
                    await Responses.Text(response, 404, "404 not found: the parent is not in the forest (destroyed since, or never there)", cancel).ConfigureAwait(false);
                }

                break;
            case "/events":
                await StreamFramesAsync(response, cancel).ConfigureAwait(false);
                break;
            default:
                await Responses.Text(response, 404, "404 not found: the inspector serves /, /health, /snapshot, /summary, /forest and /events", cancel).ConfigureAwait(false);
                break;
        }
    }

    /// <summary><c>/events</c>: one server-sent event per frame (<c>id:</c> the frame, <c>data:</c> its counters as
    /// JSON), sent in batches every 100 ms, a comment line every 5 s when nothing happens; ends when the client goes or
    /// the inspector stops.</summary>
    private async Task StreamFramesAsync(HttpResponse response, CancellationToken cancel)
    {
        var stream = _frames.OpenStream();
        if (stream is null)
        {
            await Responses.Text(response, 503, $"503 too many event streams open (at most {FrameCounterPump.MaxStreams})", cancel).ConfigureAwait(false);
            return;
        }

        try
        {
            Responses.Headers(response, 200, "text/event-stream; charset=utf-8");
            var buffer = new MemoryStream();
            Write(buffer, "retry: 2000\n\n");
            while (!cancel.IsCancellationRequested)
            {
                await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancel).ConfigureAwait(false);
                await response.Body.FlushAsync(cancel).ConfigureAwait(false);
                buffer.SetLength(0);
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
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
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    Write(buffer, ": no frame in 5 s\n\n");
                }
                catch (System.Threading.Channels.ChannelClosedException)
                {
                    return;
                }
            }
        }
        catch (Exception error) when (error is IOException or OperationCanceledException or ObjectDisposedException)
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
