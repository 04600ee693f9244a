using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Engine.Inspector.Http;

/// <summary>What a request must prove before it costs anything: it came in on our own socket, it names us in its Host
/// header (a rebound DNS name is refused), and, for the engine's data, it carries the token.</summary>
internal enum Admission
{
    Admitted,
    WrongEndpoint,
    WrongHost,
    NoToken,
}

/// <summary>
/// The first thing every request meets, before the request pacer, a capture or a route: cheap, constant-time on the
/// token, and the same for every path. Only the page's static files (the same bytes for every engine) skip the token.
/// </summary>
internal sealed class RequestGate
{
    private readonly IPAddress _address;
    private readonly int _port;
    private readonly string[] _hosts;
    private readonly byte[] _token;

    public RequestGate(IPAddress address, int port, string token)
    {
        _address = address;
        _port = port;
        _token = Encoding.ASCII.GetBytes(token);
        _hosts = IPAddress.IsLoopback(address)
            ? [$"{HostOf(address)}:{port}", $"localhost:{port}"]
            : [$"{HostOf(address)}:{port}"];
    }

    /// <summary>An address as a URL's host: IPv6 in brackets.</summary>
    public static string HostOf(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>The socket the request came in on: ours (our address, unless bound to all of them, and our port).</summary>
    public bool IsOurEndpoint(IPAddress? local, int localPort)
    {
        if (local is null || localPort != _port)
        {
            return false;
        }

        if (_address.Equals(IPAddress.Any) || _address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        IPAddress given = local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local;
        return given.Equals(_address);
    }

    /// <summary>The Host header names this inspector: its address or, on loopback, <c>localhost</c>, with its port; any
    /// name with our port when bound to every address.</summary>
    public bool IsOurHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        if (_address.Equals(IPAddress.Any) || _address.Equals(IPAddress.IPv6Any))
        {
            return host.EndsWith($":{_port}", StringComparison.Ordinal);
        }

        foreach (string ours in _hosts)
        {
            if (string.Equals(host, ours, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The token, given once: <c>Authorization: Bearer</c> or one <c>token</c> query parameter (for tools and
    /// scripts). Two tokens are no token; cookies are never read (browsers send them to every port of a host).</summary>
    public bool HasToken(HttpRequest request)
    {
        StringValues query = request.Query["token"];
        StringValues header = request.Headers.Authorization;
        string? given;
        if (query.Count + header.Count != 1)
        {
            return false;
        }
        else if (query.Count == 1)
        {
            given = query[0];
        }
        else
        {
            string value = header[0] ?? "";
            given = value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..].Trim() : null;
        }

        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), _token);
    }

    public Admission Admit(HttpContext context, bool needsToken)
    {
        if (!IsOurEndpoint(context.Connection.LocalIpAddress, context.Connection.LocalPort))
        {
            return Admission.WrongEndpoint;
        }

        if (!IsOurHost(context.Request.Headers.Host))
        {
            return Admission.WrongHost;
        }

        return needsToken && !HasToken(context.Request) ? Admission.NoToken : Admission.Admitted;
    }
}
