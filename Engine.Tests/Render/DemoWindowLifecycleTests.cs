using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Engine.Demo;

namespace Engine.Tests.Render;

/// <summary>
/// The demo's window, minimised, restored and closed by a window manager (the test, from its own X connection, on a
/// private Xvfb): it pauses without spinning, resumes, and the close button ends the run with the full report.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class DemoWindowLifecycleTests : IClassFixture<XvfbFixture>
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(60);
    private readonly XvfbFixture _xvfb;

    public DemoWindowLifecycleTests(XvfbFixture xvfb) => _xvfb = xvfb;

    [Fact]
    public async Task The_demo_pauses_while_minimised_and_ends_cleanly_on_the_close_button()
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--window", "--frames", "0", "--report-every", "20"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DISPLAY"] = _xvfb.Display.Name;
        using Process process = Process.Start(start)!;
        using var manager = new WindowManagerStub(_xvfb.Display.Name);
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> stderrTask = process.StandardError.ReadToEndAsync(cancel);
        var stdout = new StringBuilder();
        try
        {
            await ReadUntil(process, stdout, l => l.StartsWith("frame 20:", StringComparison.Ordinal));
            nuint window = manager.FindWindow("Engine.Demo");
            Assert.NotEqual(0u, window);

            manager.Minimise(window);
            string paused = await ReadUntil(process, stdout, l => l.StartsWith("window minimised before frame ", StringComparison.Ordinal));
            CpuTimes before = CpuTimes.Of(process.Id);
            var wall = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            (double cpuMs, string perThread) = before.SpentSince();
            wall.Stop();
            Assert.True(cpuMs < wall.Elapsed.TotalMilliseconds * 0.2, $"the minimised demo used {cpuMs:F0} ms of CPU in {wall.Elapsed.TotalMilliseconds:F0} ms: {perThread}");

            manager.Restore(window);
            int pausedAt = int.Parse(Regex.Match(paused, @"before frame (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            await ReadUntil(process, stdout, l => l.StartsWith($"window restored: resumed at frame {pausedAt} after ", StringComparison.Ordinal));
            // Frames run again: a report line after the pause.
            await ReadUntil(process, stdout, l => Regex.Match(l, @"^frame (\d+): ") is { Success: true } m && int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > pausedAt);

            manager.SendProtocol(window);
            stdout.Append(await process.StandardOutput.ReadToEndAsync(cancel));
            await process.WaitForExitAsync(cancel).WaitAsync(LineTimeout, cancel);
            string text = stdout.ToString();
            string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            Assert.True(process.ExitCode == Program.ExitClean, $"exit {process.ExitCode}\n{text}\n{await stderrTask}");
            Assert.Single(lines, l => l.StartsWith("window minimised before frame ", StringComparison.Ordinal));
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^window closed at frame \d+: tearing down$"));
            Assert.Contains(lines, l => l.StartsWith("frames: ", StringComparison.Ordinal));
            Assert.Equal("validation: errors=0 warnings=0", lines[^2]);
            Assert.Equal("leaks: 0", lines[^1]);
            Assert.DoesNotContain("   at ", await stderrTask, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Closing_the_minimised_demo_ends_it_at_once_with_the_report_and_no_screenshot()
    {
        string png = Path.Combine(Path.GetTempPath(), $"engine-demo-closed-{Guid.NewGuid():N}.png");
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--window", "--frames", "0", "--report-every", "20", "--png", png])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DISPLAY"] = _xvfb.Display.Name;
        using Process process = Process.Start(start)!;
        using var manager = new WindowManagerStub(_xvfb.Display.Name);
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> stderrTask = process.StandardError.ReadToEndAsync(cancel);
        var stdout = new StringBuilder();
        try
        {
            await ReadUntil(process, stdout, l => l.StartsWith("frame 20:", StringComparison.Ordinal));
            nuint window = manager.FindWindow("Engine.Demo");
            manager.Minimise(window);
            await ReadUntil(process, stdout, l => l.StartsWith("window minimised before frame ", StringComparison.Ordinal));
            manager.SendProtocol(window);
            stdout.Append(await process.StandardOutput.ReadToEndAsync(cancel));
            await process.WaitForExitAsync(cancel).WaitAsync(LineTimeout, cancel);
            string text = stdout.ToString();
            string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            Assert.True(process.ExitCode == Program.ExitClean, $"exit {process.ExitCode}\n{text}\n{await stderrTask}");
            Assert.Contains(lines, l => Regex.IsMatch(l, @"^window closed at frame \d+ \(minimised\): tearing down$"));
            Assert.Contains("png: not written (the window is minimised)", lines);
            Assert.False(File.Exists(png));
            Assert.Equal("validation: errors=0 warnings=0", lines[^2]);
            Assert.Equal("leaks: 0", lines[^1]);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            File.Delete(png);
        }
    }

    /// <summary>Reads report lines until one matches; fails, with what was read, if the demo ends or stalls first.</summary>
    private static async Task<string> ReadUntil(Process process, StringBuilder stdout, Func<string, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(LineTimeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            stdout.AppendLine(line);
            if (match(line))
            {
                return line;
            }
        }

        Assert.Fail($"the demo ended (exit {process.ExitCode}) before the expected line:\n{stdout}\n{await process.StandardError.ReadToEndAsync()}");
        return "";
    }
}
