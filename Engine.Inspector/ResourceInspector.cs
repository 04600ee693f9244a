using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engine.Resources;
using Engine.Resources.Snapshots;
using Serilog;

namespace Engine.Inspector;

/// <summary>
/// An opt-in, read-only HTTP endpoint on a running engine's registry. Every answer comes from a capture the owner
/// thread takes at its next update (<see cref="ResourceRegistry.CaptureSnapshotAsync"/>), never from the live
/// forest, so a request never races with the frame; with no client the frame pays one check. Every request needs
/// the token (query <c>token=</c> or header <c>Authorization: Bearer</c>), else 401. Nothing over the wire can create,
/// move or destroy a resource.
/// <list type="table">
/// <item><term>GET /health</term><description>liveness: frame and live resources (no capture).</description></item>
/// <item><term>GET /snapshot</term><description>the <c>.ressnap</c> bytes: every resdump command works on them.</description></item>
/// <item><term>GET /summary</term><description>JSON: counts per kind and per state.</description></item>
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

    private ResourceInspector(ResourceRegistry registry, InspectorOptions options, int port)
    {
        _registry = registry;
        _options = options;
        _token = options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Port = port;
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
                await Text(response, 401, "401 unauthorized: add ?token=… (printed in the inspector's start line) or Authorization: Bearer …").ConfigureAwait(false);
                return;
            }

            foreach (string? key in request.QueryString.AllKeys)
            {
                if (key != "token" || request.QueryString.GetValues(key)?.Length != 1)
                {
                    // Nothing of the input is echoed back: the answer cannot carry markup or script.
                    await Text(response, 400, "400 bad request: the only query parameter is token, once").ConfigureAwait(false);
                    return;
                }
            }

            if (request.HttpMethod != "GET")
            {
                response.AddHeader("Allow", "GET");
                await Text(response, 405, "405 method not allowed: the inspector is read-only (GET)").ConfigureAwait(false);
                return;
            }

            string path = request.Url?.AbsolutePath ?? "/";
            switch (path)
            {
                case "/health":
                    await Json(response, 200, writer =>
                    {
                        writer.WriteString("status", "ok");
                        writer.WriteNumber("frame", _registry.Frame);
                        writer.WriteNumber("resources", _registry.Count);
                    }).ConfigureAwait(false);
                    break;
                case "/snapshot":
                    byte[] bytes = await CaptureAsync().ConfigureAwait(false);
                    response.StatusCode = 200;
                    response.ContentType = "application/octet-stream";
                    response.AddHeader("Content-Disposition", "attachment; filename=\"live.ressnap\"");
                    response.ContentLength64 = bytes.Length;
                    await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                    break;
                case "/summary":
                    ResourceSnapshot snapshot = SnapshotReader.Read(await CaptureAsync().ConfigureAwait(false), "live capture");
                    await Json(response, 200, writer => WriteSummary(writer, snapshot)).ConfigureAwait(false);
                    break;
                default:
                    await Text(response, 404, "404 not found: the inspector serves /health, /snapshot and /summary").ConfigureAwait(false);
                    break;
            }
        }
        catch (TimeoutException)
        {
            await Text(response, 503, "503 the engine did not run an update in time to take the capture").ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            await Text(response, 503, "503 the engine's registry was shut down").ConfigureAwait(false);
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

        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(_token));
    }

    private async Task<byte[]> CaptureAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_options.CaptureTimeout);
        try
        {
            return await _registry.CaptureSnapshotAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw new TimeoutException();
        }
    }

    private static void WriteSummary(Utf8JsonWriter writer, ResourceSnapshot snapshot)
    {
        writer.WriteNumber("frame", snapshot.Header.Frame);
        writer.WriteNumber("resources", snapshot.Records.Count);
        writer.WriteStartObject("kinds");
        foreach (var group in snapshot.Records.GroupBy(r => r.Kind, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(group.Key, group.Count());
        }

        writer.WriteEndObject();
        writer.WriteStartObject("states");
        foreach (var group in snapshot.Records.GroupBy(r => r.State).OrderBy(g => g.Key))
        {
            writer.WriteNumber(group.Key.ToString(), group.Count());
        }

        writer.WriteEndObject();
    }

    private static async Task Json(HttpListenerResponse response, int status, Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = buffer.Length;
        await response.OutputStream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
    }

    private static async Task Text(HttpListenerResponse response, int status, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text + "\n");
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
