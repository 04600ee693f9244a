using System.Net.Http.Headers;

namespace Engine.Dump.Commands;

/// <summary>
/// A running engine's inspector as the live commands reach it: its origin, and the token sent as
/// <c>Authorization: Bearer</c> (never in a URL that could end up in a log). The token comes from the URL
/// (<c>#token=</c> as the start line prints it, or <c>?token=</c>), else from <c>RESDUMP_TOKEN</c>, else from the file
/// named by <c>RESDUMP_TOKEN_FILE</c> (so it need not appear on a command line other users can list).
/// </summary>
internal sealed class InspectorTarget
{
    public const string TokenVariable = "RESDUMP_TOKEN";
    public const string TokenFileVariable = "RESDUMP_TOKEN_FILE";

    /// <summary>What a 401 tells the user.</summary>
    public const string TokenHint =
        $"use the URL of its start line, token included, or set {TokenVariable} (or {TokenFileVariable}, a file holding it)";

    private readonly Uri _origin;
    private readonly string? _token;

    private InspectorTarget(Uri origin, string? token)
    {
        _origin = origin;
        _token = token;
    }

    /// <summary><c>http://HOST:PORT</c>, no token.</summary>
    public string Authority => _origin.GetLeftPart(UriPartial.Authority);

    /// <summary>The target of <paramref name="url"/>; null with <paramref name="error"/> (one line) when the token file
    /// named by <c>RESDUMP_TOKEN_FILE</c> cannot be read.</summary>
    public static InspectorTarget? From(Uri url, DumpEnvironment env, out string? error)
    {
        error = null;
        string? token = Parameter(url.Fragment, "token") ?? Parameter(url.Query, "token");
        if (string.IsNullOrEmpty(token) && env.Variable(TokenVariable) is { Length: > 0 } variable)
        {
            token = variable.Trim();
        }

        if (string.IsNullOrEmpty(token) && env.Variable(TokenFileVariable) is { Length: > 0 } file)
        {
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                error = $"cannot read the token file {TokenFileVariable}='{Rendering.ResourceLabel.Text(file)}': {failure.Message}";
                return null;
            }
        }

        return new InspectorTarget(new Uri(url.GetLeftPart(UriPartial.Authority)), string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary>A GET of <paramref name="path"/> with the token as a bearer header.</summary>
    public HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_origin, path));
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        return request;
    }

    private static string? Parameter(string part, string name)
    {
        foreach (string pair in part.TrimStart('#', '?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals] == name)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
