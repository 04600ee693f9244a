using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Engine.Tests.Dump;

/// <summary>
/// A local HTTP server that answers as a hostile or broken inspector would: each request's path goes to a handler that
/// writes whatever bytes it likes to the connection (a status line, headers, a body or none), so the tests can send
/// what no real inspector sends. Requests are recorded by path.
/// </summary>
internal sealed class FakeInspector : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, NetworkStream, Task> _answer;
    private readonly CancellationTokenSource _stop = new();

    public FakeInspector(Func<string, NetworkStream, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Url => $"http://127.0.0.1:{Port}/?token=fake0123456789abcdef0123456789ab";

    public ConcurrentQueue<string> Paths { get; } = new();

    public CancellationToken Stopping => _stop.Token;

    /// <summary>A whole answer: status, content type and body, with its length.</summary>
    public static async Task Answer(NetworkStream stream, string status, string? contentType, byte[] body, string extraHeaders = "")
    {
        string head = $"HTTP/1.1 {status}\r\n{(contentType is null ? "" : $"Content-Type: {contentType}\r\n")}Content-Length: {body.Length}\r\n{extraHeaders}Connection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
    }

    public static Task Json(NetworkStream stream, string json) => Answer(stream, "200 OK", "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        NetworkStream stream = client.GetStream();
                        string path = await ReadRequestPathAsync(stream);
                        Paths.Enqueue(path);
                        await _answer(path, stream);
                    }
                    catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                    {
                        // The client hung up: what the tests want of it.
                    }
                }
            });
        }
    }

    private static async Task<string> ReadRequestPathAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16_384)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("closed before the request ended");
            }

            head.Append((char)one[0]);
        }

        string target = head.ToString().Split(' ')[1];
        int query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? target : target[..query];
    }
}
