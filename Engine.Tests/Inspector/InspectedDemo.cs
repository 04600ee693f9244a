using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engine.Demo;

namespace Engine.Tests.Inspector;

/// <summary>The demo as a user runs it (<c>--inspect --frames 0</c>, its own process), its inspector's address read
/// from the start line; stopped with SIGINT as a terminal's Ctrl-C would, so it still tears down and reports.</summary>
internal sealed class InspectedDemo : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout;
    private readonly Task<string> _stderr;
    private readonly Task _reading;

    private InspectedDemo(Process process, Uri url, StringBuilder stdout, Task reading, Task<string> stderr)
    {
        _process = process;
        _stdout = stdout;
        Url = url;
        _reading = reading;
        _stderr = stderr;
    }

    /// <summary>The start line's address, token included.</summary>
    public Uri Url { get; }

    public int ProcessId => _process.Id;

    public int Port => Url.Port;

    public string Token => Url.Fragment["#token=".Length..];

    /// <summary>What the demo printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public Uri At(string path) => new($"http://{Url.Authority}{path}?token={Token}");

    public static async Task<InspectedDemo> StartAsync(params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--inspect", "--frames", "0", .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        var found = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new StringBuilder();
        Task reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.AppendLine(line);
                }

                if (System.Text.RegularExpressions.Regex.Match(line, @"inspector: (http://\S+)") is { Success: true } start)
                {
                    found.TrySetResult(new Uri(start.Groups[1].Value));
                }
            }

            await process.WaitForExitAsync();
            found.TrySetException(new InvalidOperationException($"the demo ended without an inspector line (exit {process.ExitCode}):\n{lines}\n{await stderr}"));
        });
        Uri url = await found.Task.WaitAsync(TimeSpan.FromSeconds(120));
        return new InspectedDemo(process, url, lines, reading, stderr);
    }

    /// <summary>Ctrl-C; returns the exit code and everything the demo printed.</summary>
    public async Task<(int Exit, string Output)> StopAsync()
    {
        if (!_process.HasExited)
        {
            using Process kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await _reading.WaitAsync(TimeSpan.FromSeconds(10));
        string stderr = await _stderr;
        lock (_stdout)
        {
            return (_process.ExitCode, _stdout + stderr);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception error) when (error is TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Never leave a demo running behind a failed test.
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
