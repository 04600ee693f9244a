using System.Diagnostics;

namespace Engine.Tests.Render;

/// <summary>
/// A private Xvfb server for window tests, on a free display number, killed on dispose. Fails with the install
/// command when Xvfb is missing (the CI script installs it).
/// </summary>
public sealed class XvfbDisplay : IDisposable
{
    private readonly Process _server;

    public XvfbDisplay()
    {
        string? xvfb = FindOnPath("Xvfb") ?? throw new InvalidOperationException("Xvfb is not installed: apt-get install xvfb");
        for (int number = 90 + Random.Shared.Next(100); ; number++)
        {
            if (File.Exists($"/tmp/.X{number}-lock") || File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                continue;
            }

            // -noreset: by default the server regenerates when its last client leaves, and a window opened during that
            // moment is refused ("cannot open display"): between two tests, or right after the readiness probe.
            var start = new ProcessStartInfo(xvfb, $":{number} -screen 0 1024x768x24 -nolisten tcp -noreset")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            _server = Process.Start(start) ?? throw new InvalidOperationException("Xvfb did not start");
            _server.ErrorDataReceived += (_, _) => { };
            _server.BeginErrorReadLine();
            _server.BeginOutputReadLine();
            // Ready when its socket accepts a connection, not when the file appears (another server may own that file).
            var clock = Stopwatch.StartNew();
            while (!_server.HasExited && !Accepts($"/tmp/.X11-unix/X{number}") && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(20);
            }

            if (_server.HasExited || !Accepts($"/tmp/.X11-unix/X{number}"))
            {
                _server.Dispose();
                if (number > 400)
                {
                    throw new InvalidOperationException("Xvfb could not start on any display from :90");
                }

                continue;
            }

            Name = $":{number}";
            return;
        }
    }

    /// <summary>The display name, e.g. ":93".</summary>
    public string Name { get; } = "";

    public void Dispose()
    {
        try
        {
            // SIGTERM, so that the server removes its lock file and socket; SIGKILL would leave them behind.
            if (!_server.HasExited && (kill(_server.Id, 15) != 0 || !_server.WaitForExit(5000)))
            {
                _server.Kill();
                _server.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _server.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private static bool Accepts(string socketPath)
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
