using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Engine.Inspector;

namespace Engine.Tests.Inspector;

/// <summary>
/// Local processes without the token, or with it and bad manners, against the inspector: a flood of unauthenticated
/// requests does not delay an authorised client; requests sent halfway, dribbled or never sent are closed within their
/// timeouts. Runs alone: it measures latencies and floods the machine's two cores.
/// </summary>
[Collection(MeasuresProcessCollection.Name)]
public sealed class InspectorHostileClientTests
{
    /// <summary>Reads until the server closes the connection; how long that took.</summary>
    internal static async Task<TimeSpan> TimeToClose(Socket socket, Stopwatch clock, TimeSpan limit)
    {
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset instead of closed: closed all the same.
        }

        return clock.Elapsed;
    }

    [Fact]
    public async Task An_unauthenticated_flood_is_refused_at_once_and_an_authorised_client_polls_as_if_alone()
    {
        // Paced at 20 requests a second: were the flood paced (queued) before its token is checked, the poller would
        // wait behind 32 flooders, well over a second each time.
        using var engine = new InspectorTests.EngineThread(options: new InspectorOptions { MaxRequestsPerSecond = 20 });
        CancellationToken cancel = TestContext.Current.CancellationToken;
        using var stopFlood = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        long refused = 0;
        long other = 0;
        Task[] flood = [.. Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            Uri target = InspectorTests.At(engine.Inspector, i % 2 == 0 ? "/summary" : "/snapshot", token: false);
            while (!stopFlood.IsCancellationRequested)
            {
                try
                {
                    using HttpResponseMessage response = await http.GetAsync(target, stopFlood.Token);
                    Interlocked.Increment(ref response.StatusCode == HttpStatusCode.Unauthorized ? ref refused : ref other);
                }
                catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
                {
                    // The flood's own problem.
                }
            }
        }, cancel))];

        await Task.Delay(1000, cancel); // the flood is running
        using var poller = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>();
        for (int i = 0; i < 40; i++)
        {
            var clock = Stopwatch.StartNew();
            using HttpResponseMessage response = await poller.GetAsync(InspectorTests.At(engine.Inspector, i % 4 == 3 ? "/summary" : "/health"), cancel);
            await response.Content.ReadAsByteArrayAsync(cancel);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(100, cancel);
        }

        stopFlood.Cancel();
        await Task.WhenAll(flood);
        double[] sorted = [.. latencies.Order()];
        double p99 = sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1];
        string figures = $"{Interlocked.Read(ref refused)} refused while polling, poller p50 {sorted[sorted.Length / 2]:F1} ms, p99 {p99:F1} ms";
        TestContext.Current.TestOutputHelper?.WriteLine($"unauthenticated flood: {figures}");
        Assert.True(Interlocked.Read(ref refused) > 200, $"not much of a flood: {figures}");
        Assert.Equal(0, Interlocked.Read(ref other));
        Assert.True(p99 < 1000, figures);
        Assert.Equal(6, engine.Registry.Count);
    }

    public static TheoryData<string, int> HalfSentRequests => new()
    {
        { "line and one header, then nothing", 0 },
        { "one byte of a header every 300 ms (slow loris)", 300 },
    };

    [Theory]
    [MemberData(nameof(HalfSentRequests))]
    public async Task A_request_sent_halfway_is_closed_by_the_server_within_the_headers_timeout(string how, int dripMs)
    {
        var timeout = TimeSpan.FromSeconds(1);
        using var engine = new InspectorTests.EngineThread(options: new InspectorOptions { RequestHeadersTimeout = timeout });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, engine.Inspector.Port, TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /health?token={engine.Inspector.Token} HTTP/1.1\r\nHost: 127.0.0.1:{engine.Inspector.Port}\r\n"), SocketFlags.None, TestContext.Current.CancellationToken);
        Task<TimeSpan> closed = TimeToClose(socket, clock, TimeSpan.FromSeconds(30));
        if (dripMs > 0)
        {
            try
            {
                while (!closed.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await socket.SendAsync("X"u8.ToArray(), SocketFlags.None, TestContext.Current.CancellationToken);
                    await Task.Delay(dripMs, TestContext.Current.CancellationToken);
                }
            }
            catch (SocketException)
            {
                // Closed under the drip.
            }
        }

        TimeSpan after = await closed;
        // The server checks its timeouts once a second: at most that late.
        Assert.True(after < timeout + TimeSpan.FromSeconds(2.5), $"{how}: closed after {after.TotalSeconds:F1} s (timeout {timeout.TotalSeconds} s)");
    }

    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_after_the_idle_timeout()
    {
        var idle = TimeSpan.FromSeconds(1);
        using var engine = new InspectorTests.EngineThread(options: new InspectorOptions { KeepAliveTimeout = idle });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, engine.Inspector.Port, TestContext.Current.CancellationToken);
        TimeSpan after = await TimeToClose(socket, Stopwatch.StartNew(), TimeSpan.FromSeconds(30));
        Assert.True(after < idle + TimeSpan.FromSeconds(2.5), $"closed after {after.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task A_request_without_the_token_gets_its_connection_closed_with_the_answer()
    {
        using var engine = new InspectorTests.EngineThread();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, engine.Inspector.Port, TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{engine.Inspector.Port}\r\n\r\n"), SocketFlags.None, TestContext.Current.CancellationToken);
        TimeSpan after = await TimeToClose(socket, clock, TimeSpan.FromSeconds(30));
        Assert.True(after < TimeSpan.FromSeconds(1), $"a client without the token kept its connection for {after.TotalSeconds:F1} s");
    }
}
