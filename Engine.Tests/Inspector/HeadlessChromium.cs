using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Engine.Tests.Inspector;

/// <summary>
/// Debian's chromium, headless, driven through its DevTools protocol (a WebSocket of JSON messages): navigate,
/// evaluate script in the page, take screenshots. It also collects what the page got wrong: uncaught exceptions,
/// console errors and Content-Security-Policy violations, so a test can require there were none.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonNode?>> _calls = new();
    private readonly List<string> _problems = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiving;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Exceptions, console errors and policy violations seen so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public static async Task<HeadlessChromium> LaunchAsync(int width = 1400, int height = 900)
    {
        string executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("chromium is not installed: tools/setup/system-packages.sh tests installs it");
        string profile = Path.Combine(Path.GetTempPath(), $"inspector-chromium-{Guid.NewGuid():N}");
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            string endpoint = await browser.DevToolsEndpointAsync();
            await browser.ConnectAsync(endpoint);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Loads <paramref name="url"/> and waits for its load event.</summary>
    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        await WaitForAsync("document.readyState === 'complete'", TimeSpan.FromSeconds(30));
    }

    /// <summary>The addresses of this tab's history, oldest first, as the browser keeps them.</summary>
    public async Task<string[]> HistoryAsync()
    {
        JsonNode? result = await SendAsync("Page.getNavigationHistory", new JsonObject());
        return [.. result!["entries"]!.AsArray().Select(entry => entry!["url"]!.GetValue<string>())];
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (promises awaited) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        JsonNode? result = await SendAsync("Runtime.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["returnByValue"] = true,
            ["awaitPromise"] = true,
        });
        if (result?["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException($"page script failed: {error.ToJsonString()}");
        }

        return result?["result"]?["value"];
    }

    /// <summary>Polls until <paramref name="expression"/> is truthy; fails with the last value when it never is.</summary>
    public async Task<JsonNode?> WaitForAsync(string expression, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        JsonNode? value = null;
        while (clock.Elapsed < timeout)
        {
            value = await EvaluateAsync($"(() => {{ const v = ({expression}); return v ? v : null; }})()");
            if (value is not null)
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"after {timeout.TotalSeconds:0} s the page still did not satisfy: {expression}");
    }

    /// <summary>A PNG of the page's viewport.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        JsonNode? result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(result!["data"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
        catch (Exception error) when (error is InvalidOperationException or OperationCanceledException)
        {
            // Already gone.
        }

        if (_receiving is not null)
        {
            await Task.WhenAny(_receiving, Task.Delay(2000));
        }

        _socket.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A helper process still writing: the temp directory goes with the machine.
        }
    }

    private async Task<string> DevToolsEndpointAsync()
    {
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            const string marker = "DevTools listening on ";
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = DrainAsync(_process.StandardError);
                _ = DrainAsync(_process.StandardOutput);
                return line[(at + marker.Length)..].Trim();
            }
        }

        throw new InvalidOperationException($"chromium exited (code {(_process.HasExited ? _process.ExitCode : -1)}) without a DevTools endpoint");
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // The process went away.
        }
    }

    private async Task ConnectAsync(string browserEndpoint)
    {
        // The page target that about:blank opened: its own WebSocket, from the /json/list endpoint.
        var browserUri = new Uri(browserEndpoint);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        JsonArray targets = JsonNode.Parse(await http.GetStringAsync($"http://{browserUri.Authority}/json/list"))!.AsArray();
        string page = targets.First(t => t!["type"]!.GetValue<string>() == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
        await _socket.ConnectAsync(new Uri(page), CancellationToken.None);
        _receiving = Task.Run(ReceiveAsync);
        await SendAsync("Runtime.enable", new JsonObject());
        await SendAsync("Log.enable", new JsonObject());
        await SendAsync("Page.enable", new JsonObject());
    }

    private async Task<JsonNode?> SendAsync(string method, JsonObject parameters)
    {
        var call = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_calls)
        {
            id = ++_nextId;
            _calls[id] = call;
        }

        byte[] message = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString());
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        return await call.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                WebSocketReceiveResult part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                JsonNode? node = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
                Dispatch(node);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Chromium closed.
        }

        lock (_calls)
        {
            foreach (var call in _calls.Values)
            {
                call.TrySetException(new InvalidOperationException("chromium closed the DevTools connection"));
            }
        }
    }

    private void Dispatch(JsonNode? node)
    {
        if (node?["id"] is { } idNode)
        {
            TaskCompletionSource<JsonNode?>? call;
            lock (_calls)
            {
                _calls.Remove(idNode.GetValue<int>(), out call);
            }

            if (node["error"] is { } error)
            {
                call?.TrySetException(new InvalidOperationException($"DevTools error: {error.ToJsonString()}"));
            }
            else
            {
                call?.TrySetResult(node["result"]);
            }

            return;
        }

        string? problem = node?["method"]?.GetValue<string>() switch
        {
            "Runtime.exceptionThrown" => $"exception: {node!["params"]!["exceptionDetails"]!.ToJsonString()}",
            "Runtime.consoleAPICalled" when node!["params"]!["type"]!.GetValue<string>() == "error" => $"console error: {node["params"]!["args"]!.ToJsonString()}",
            "Log.entryAdded" when node!["params"]!["entry"]!["level"]!.GetValue<string>() == "error" => $"log error: {node["params"]!["entry"]!.ToJsonString()}",
            _ => null,
        };
        if (problem is not null)
        {
            lock (_problems)
            {
                _problems.Add(problem);
            }
        }
    }
}
