using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Engine.Inspector.Http;

/// <summary>How every answer is written: one content type per kind of body, never cached, never sniffed into
/// something else, no referrer, and large bodies in slices so that a client that does not read holds little.</summary>
internal static class Responses
{
    /// <summary>The page may load only its own script and style and talk only to its own origin: even a name that
    /// got through as markup could not run a script or send the forest elsewhere.</summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>A body is handed to the server this much at a time: each slice waits until the client has read enough
    /// of the previous ones (the server's response buffer), so a slow reader pins a slice, not the body.</summary>
    private const int Slice = 16 * 1024;

    public static void Headers(HttpResponse response, int status, string contentType)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = PagePolicy;
    }

    public static async Task Bytes(HttpResponse response, int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancel)
    {
        Headers(response, status, contentType);
        response.ContentLength = body.Length;
        for (int at = 0; at < body.Length; at += Slice)
        {
            await response.Body.WriteAsync(body.Slice(at, Math.Min(Slice, body.Length - at)), cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Plain text: errors say what is allowed and never repeat the request's input.</summary>
    public static Task Text(HttpResponse response, int status, string text, CancellationToken cancel) =>
        Bytes(response, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"), cancel);

    public const string JsonType = "application/json; charset=utf-8";

    public static Task Json(HttpResponse response, int status, Action<Utf8JsonWriter> body, CancellationToken cancel) =>
        Bytes(response, status, JsonType, JsonObject(body), cancel);

    /// <summary>One JSON object, <paramref name="body"/> writing its members: answers built now or kept per capture.</summary>
    public static byte[] JsonObject(Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
