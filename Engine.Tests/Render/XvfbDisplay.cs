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

            var start = new ProcessStartInfo(xvfb, $":{number} -screen 0 1024x768x24 -nolisten tcp")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            _server = Process.Start(start) ?? throw new InvalidOperationException("Xvfb did not start");
            _server.ErrorDataReceived += (_, _) => { };
            _server.BeginErrorReadLine();
            _server.BeginOutputReadLine();
            var clock = Stopwatch.StartNew();
            while (!File.Exists($"/tmp/.X11-unix/X{number}") && !_server.HasExited && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(20);
            }

            if (_server.HasExited || !File.Exists($"/tmp/.X11-unix/X{number}"))
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
            _server.Kill();
            _server.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _server.Dispose();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
