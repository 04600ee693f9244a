using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Engine.Dump.Commands;

namespace Engine.Dump.Live;

/// <summary>
/// What <c>resdump attach</c> and <c>watch</c> ask a running engine's inspector, trusting nothing it answers: no
/// redirect is followed and no cookie or proxy used (the token, a bearer header, goes to the address it was given and
/// nowhere else); the status,
/// the content type and the size of every answer are checked before it is read, bodies are read against a cap and a
/// deadline, and a JSON answer must have the fields asked for. Anything else is an <see cref="InspectorException"/>
/// with one line saying what was wrong, which the commands print and exit 2 with.
/// </summary>
internal sealed class InspectorClient : IDisposable
{
    /// <summary>The most a JSON answer (<c>/health</c>, <c>/summary</c>) may take.</summary>
    public const long MaxJsonBytes = 16L << 20;

    /// <summary>The most a snapshot may take: the format's own limit on a body, 2 GiB, and its header.</summary>
    public const long MaxSnapshotBytes = (2L << 30) + (1 << 20);

    public static readonly TimeSpan JsonDeadline = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan SnapshotDeadline = TimeSpan.FromMinutes(5);

    private const string JsonType = "application/json";
    private const string SnapshotType = "application/octet-stream";

    private readonly HttpClient _http;
    private readonly InspectorTarget _inspector;

    public InspectorClient(InspectorTarget inspector)
    {
        _inspector = inspector;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            MaxResponseHeadersLength = 64, // KiB
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        // Deadlines are per answer, body included (see Send): the client's own timeout would not cover the body.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The inspector's address, for messages.</summary>
    public string Authority => _inspector.Authority;

    /// <summary>The JSON answer to <paramref name="path"/> (<c>/health</c>, <c>/summary</c>).</summary>
    public JsonDocument GetJson(string path)
    {
        using var deadline = new CancellationTokenSource(JsonDeadline);
        using HttpResponseMessage response = Send(path, JsonType, MaxJsonBytes, deadline.Token);
        var body = new MemoryStream();
        CopyCapped(response, path, body, MaxJsonBytes, deadline.Token);
        body.Position = 0;
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            throw new InspectorException($"the inspector's answer to {path} is not JSON: {error.Message}");
        }
    }

    /// <summary>Streams the snapshot of <paramref name="path"/> (<c>/snapshot</c>) into a new file only the user can read.</summary>
    public void DownloadSnapshot(string path, string file)
    {
        using var deadline = new CancellationTokenSource(SnapshotDeadline);
        using HttpResponseMessage response = Send(path, SnapshotType, MaxSnapshotBytes, deadline.Token);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(file, options);
        CopyCapped(response, path, stream, MaxSnapshotBytes, deadline.Token);
    }

    /// <summary>A whole number field of a JSON answer, or an <see cref="InspectorException"/> naming what is missing.</summary>
    public static long Int64Field(JsonDocument answer, string path, string field) =>
        answer.RootElement.ValueKind == JsonValueKind.Object
        && answer.RootElement.TryGetProperty(field, out JsonElement value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out long number)
            ? number
            : throw Malformed(path, $"no whole-number '{field}'");

    /// <summary>An object field of a JSON answer whose every value is a whole number (counts per kind).</summary>
    public static IEnumerable<(string Name, int Count)> CountsField(JsonDocument answer, string path, string field)
    {
        if (answer.RootElement.ValueKind != JsonValueKind.Object
            || !answer.RootElement.TryGetProperty(field, out JsonElement counts)
            || counts.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(path, $"no object '{field}'");
        }

        var result = new List<(string, int)>();
        foreach (JsonProperty property in counts.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out int count) || count < 0)
            {
                throw Malformed(path, $"'{field}' holds a value that is not a count");
            }

            result.Add((property.Name, count));
        }

        return result;
    }

    public void Dispose() => _http.Dispose();

    private static InspectorException Malformed(string path, string what) =>
        new($"the inspector's answer to {path} is malformed: {what}");

    private HttpResponseMessage Send(string path, string expectedType, long cap, CancellationToken deadline)
    {
        HttpResponseMessage response;
        try
        {
            using HttpRequestMessage request = _inspector.Request(path);
            response = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline).GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
        {
            throw new InspectorException(deadline.IsCancellationRequested
                ? $"{Authority} did not answer {path} in time"
                : $"cannot reach {Authority}: {error.Message}");
        }

        try
        {
            int status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw new InspectorException($"the inspector answered {path} with a redirect ({status}), which is not followed: give the URL of its start line");
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new InspectorException($"the inspector refused the token (401): {InspectorTarget.TokenHint}");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InspectorException($"the inspector answered {status} to {path}");
            }

            MediaTypeHeaderValue? type = response.Content.Headers.ContentType;
            if (!string.Equals(type?.MediaType, expectedType, StringComparison.OrdinalIgnoreCase))
            {
                throw new InspectorException($"the inspector's answer to {path} is {(type?.MediaType is { } media ? $"'{Rendering.ResourceLabel.Text(media)}'" : "untyped")}, not {expectedType}");
            }

            if (response.Content.Headers.ContentLength is long length && length > cap)
            {
                throw new InspectorException($"the inspector's answer to {path} announces {length:N0} bytes, more than the {cap:N0} accepted");
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private void CopyCapped(HttpResponseMessage response, string path, Stream target, long cap, CancellationToken deadline)
    {
        try
        {
            using Stream body = response.Content.ReadAsStreamAsync(deadline).GetAwaiter().GetResult();
            byte[] buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = body.ReadAsync(buffer, deadline).AsTask().GetAwaiter().GetResult()) > 0)
            {
                total += read;
                if (total > cap)
                {
                    throw new InspectorException($"the inspector's answer to {path} is more than the {cap:N0} bytes accepted");
                }

                target.Write(buffer, 0, read);
            }
        }
        catch (Exception error) when (error is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new InspectorException(deadline.IsCancellationRequested
                ? $"{Authority} did not finish its answer to {path} in time"
                : $"the inspector's answer to {path} broke off: {error.Message}");
        }
    }
}

/// <summary>An answer <see cref="InspectorClient"/> does not accept, as one line.</summary>
internal sealed class InspectorException(string message) : Exception(message);
