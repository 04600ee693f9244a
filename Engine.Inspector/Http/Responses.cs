using System.Net;
using System.Text;
using System.Text.Json;

namespace Engine.Inspector.Http;

/// <summary>How every answer is written: one content type per kind of body, never cached, never sniffed into
/// something else, no referrer (the page's address carries the token).</summary>
internal static class Responses
{
    /// <summary>The page may load only its own script and style and talk only to its own origin: even a name that
    /// got through as markup could not run a script or send the forest elsewhere.</summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Headers(HttpListenerResponse response, int status, string contentType)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.AddHeader("Cache-Control", "no-store");
        response.AddHeader("X-Content-Type-Options", "nosniff");
        response.AddHeader("Referrer-Policy", "no-referrer");
        response.AddHeader("Content-Security-Policy", PagePolicy);
    }

    public static async Task Bytes(HttpListenerResponse response, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        Headers(response, status, contentType);
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }

    /// <summary>Plain text: errors say what is allowed and never repeat the request's input.</summary>
    public static Task Text(HttpListenerResponse response, int status, string text) =>
        Bytes(response, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text + "\n"));

    public const string JsonType = "application/json; charset=utf-8";

    public static Task Json(HttpListenerResponse response, int status, Action<Utf8JsonWriter> body) =>
        Bytes(response, status, JsonType, JsonObject(body));

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
