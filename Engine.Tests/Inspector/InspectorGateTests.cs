using System.Net;
using Engine.Inspector;
using Engine.Inspector.Http;
using Engine.Resources;
using Engine.Tests.Core;
using Microsoft.AspNetCore.Http;

namespace Engine.Tests.Inspector;

/// <summary>The checks every request meets first (socket, Host, token), the options' ranges and the token rules, and
/// what an unexpected error becomes.</summary>
public sealed class InspectorGateTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("127.0.0.1:5000", true)]
    [InlineData("localhost:5000", true)]
    [InlineData("LOCALHOST:5000", true)]
    [InlineData("127.0.0.1:5001", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("attacker.example:5000", false)] // a rebound DNS name
    [InlineData("127.0.0.1:5000.attacker.example", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_host_header_must_name_this_inspector(string? host, bool ours) =>
        Assert.Equal(ours, new RequestGate(IPAddress.Loopback, 5000, Token).IsOurHost(host));

    [Fact]
    public void The_request_must_come_in_on_our_own_address_and_port()
    {
        var gate = new RequestGate(IPAddress.Loopback, 5000, Token);
        Assert.True(gate.IsOurEndpoint(IPAddress.Loopback, 5000));
        Assert.True(gate.IsOurEndpoint(IPAddress.Loopback.MapToIPv6(), 5000));
        Assert.False(gate.IsOurEndpoint(IPAddress.Loopback, 5001));
        Assert.False(gate.IsOurEndpoint(IPAddress.Parse("127.0.0.2"), 5000));
        Assert.False(gate.IsOurEndpoint(IPAddress.Parse("10.0.0.1"), 5000));
        Assert.False(gate.IsOurEndpoint(null, 5000));
        Assert.True(new RequestGate(IPAddress.Any, 5000, Token).IsOurEndpoint(IPAddress.Parse("10.0.0.1"), 5000));
    }

    [Theory]
    [InlineData("Bearer " + Token, null, true)]
    [InlineData(null, Token, true)]
    [InlineData("Bearer " + Token, Token, false)] // two tokens are no token
    [InlineData("bearer " + Token, null, false)]
    [InlineData("Basic " + Token, null, false)]
    [InlineData("Bearer " + Token + "0", null, false)]
    [InlineData("Bearer 0123456789abcdef0123456789abcdeF", null, false)]
    [InlineData(null, null, false)]
    public void The_token_comes_once_as_a_bearer_header_or_a_query_parameter(string? authorization, string? query, bool admitted)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        if (query is not null)
        {
            context.Request.QueryString = new QueryString($"?token={query}");
        }

        context.Request.Headers.Cookie = $"inspector-token-5000={Token}";
        Assert.Equal(admitted, new RequestGate(IPAddress.Loopback, 5000, Token).HasToken(context.Request));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)] // 128 bits as hex
    [InlineData("Zm9vYmFyYmF6cXV4LXF1dXgtY29yZ2VfZ3JhdWx0", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)] // 31 characters
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)] // one character over and over
    [InlineData("0123456789abcdef0123456789abcdef\"><", false)]
    [InlineData("0123456789abcdef 0123456789abcdef", false)]
    [InlineData("0123456789abcdef;0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdéf", false)]
    [InlineData("", false)]
    public void A_token_of_your_own_needs_128_bits_of_url_safe_characters(string token, bool accepted)
    {
        Assert.Equal(accepted, InspectorOptionsCheck.IsStrongToken(token));
        using var registry = new ResourceRegistry();
        if (accepted)
        {
            using var inspector = ResourceInspector.Start(registry, new InspectorOptions { Token = token });
            Assert.Equal(token, inspector.Token);
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(() => ResourceInspector.Start(registry, new InspectorOptions { Token = token }));
            Assert.Contains("32 to 256 characters", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Length > 0 ? token : "\u0000", error.Message, StringComparison.Ordinal); // never logged back
        }
    }

    public static TheoryData<InspectorOptions, string> OutOfRange => new()
    {
        { new InspectorOptions { MaxConnections = 0 }, "MaxConnections must be 1 to 10,000" },
        { new InspectorOptions { MaxConnections = 10_001 }, "MaxConnections must be 1 to 10,000" },
        { new InspectorOptions { RequestHeadersTimeout = TimeSpan.Zero }, "RequestHeadersTimeout must be 0.1 s to 5 min" },
        { new InspectorOptions { RequestHeadersTimeout = TimeSpan.FromMinutes(6) }, "RequestHeadersTimeout must be 0.1 s to 5 min" },
        { new InspectorOptions { KeepAliveTimeout = TimeSpan.FromMilliseconds(999) }, "KeepAliveTimeout must be 1 s to 10 min" },
        { new InspectorOptions { WriteTimeout = TimeSpan.FromSeconds(-1) }, "WriteTimeout must be 1 s to 5 min" },
        { new InspectorOptions { MinResponseBytesPerSecond = 1023 }, "MinResponseBytesPerSecond must be 1,024" },
        { new InspectorOptions { MaxResponseBufferBytes = 4095 }, "MaxResponseBufferBytes must be 4,096" },
        { new InspectorOptions { MaxResponseBufferBytes = (16 << 20) + 1 }, "MaxResponseBufferBytes must be 4,096" },
        { new InspectorOptions { MaxRequestsPerSecond = -1 }, "MaxRequestsPerSecond must be 0 (no limit)" },
        { new InspectorOptions { CaptureTimeout = TimeSpan.Zero }, "CaptureTimeout must be 1 ms to 1 h" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Every_limit_outside_its_range_is_refused_naming_the_option_and_the_range(InspectorOptions options, string rule)
    {
        using var registry = new ResourceRegistry();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ResourceInspector.Start(registry, options));
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_error_is_a_500_with_a_log_line_and_a_cut_connection_once_the_answer_began()
    {
        (Serilog.ILogger logger, CapturingSink sink) = CapturingSink.Create();
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/summary";
        context.Response.Body = new MemoryStream();
        await AnswerGuard.RunAsync(context, logger, CancellationToken.None, CancellationToken.None, () => throw new InvalidOperationException("a bug"));
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("500 internal error: the inspector's log has the details\n", System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
        Serilog.Events.LogEvent logged = Assert.Single(sink.Events);
        Assert.Equal(Serilog.Events.LogEventLevel.Error, logged.Level);
        Assert.Equal("inspector: \"GET\" \"/summary\" failed", logged.RenderMessage());
        Assert.Equal("a bug", logged.Exception?.Message);

        // The engine not updating in time is no bug: a 503 that says so, nothing logged.
        var late = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await AnswerGuard.RunAsync(late, logger, CancellationToken.None, CancellationToken.None, () => throw new TimeoutException());
        Assert.Equal(503, late.Response.StatusCode);
        Assert.Single(sink.Events);
    }
}
