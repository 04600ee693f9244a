using System.Diagnostics;
using Engine.Demo;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class DemoTests
{
    [Fact]
    public void Demo_renders_120_frames_and_ends_with_clean_validation_and_no_leaks()
    {
        string png = Path.Combine(Path.GetTempPath(), $"engine-demo-{Guid.NewGuid():N}.png");
        string log = Path.ChangeExtension(png, ".log");
        var output = new StringWriter();
        var errors = new StringWriter();
        try
        {
            int exit = Program.Run(["--frames", "120", "--png", png, "--report-every", "40", "--log-level", "Information", "--log-file", log], output, errors);

            string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
            Assert.Equal("swapchain recreations: 0", lines[^3]);
            Assert.Equal("validation: errors=0 warnings=0", lines[^2]);
            Assert.Equal("leaks: 0", lines[^1]);
            Assert.StartsWith("device: ", lines[0], StringComparison.Ordinal);
            Assert.EndsWith("validation on", lines[0], StringComparison.Ordinal);
            Assert.Equal(3, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^frame [0-9]+: ")));
            Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^frame time: p50 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms \(110 frames after warm-up\)$"));
            // Destroyed also counts the default texture's staging buffer and its memory range, gone after the first frame.
            Assert.Contains(lines, l => l.StartsWith("transient resources: created 1200, destroyed 1202", StringComparison.Ordinal));

            byte[] file = File.ReadAllBytes(png);
            Assert.True(file.Length > 1000, $"PNG of {file.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, file[..4]);
            Assert.Contains("Vulkan device", File.ReadAllText(log), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(png);
            File.Delete(log);
        }
    }

    [Fact]
    public void Demo_with_a_loader_thread_streams_textures_and_releases_every_one()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = Program.Run(["--frames", "60", "--stream-every", "4", "--report-every", "60"], output, errors);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
        var streamed = System.Text.RegularExpressions.Regex.Match(string.Join('\n', lines), @"streamed textures: (\d+) uploaded by the loader thread, (\d+) released \((\d+) reached the frames, (\d+) requests found no room");
        Assert.True(streamed.Success, output.ToString());
        Assert.Equal(streamed.Groups[1].Value, streamed.Groups[2].Value);
        // One every 4 of 60 frames, each uploaded before the teardown unless a stalled loader left no room for it.
        Assert.Equal(15, int.Parse(streamed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(streamed.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("leaks: 0", lines[^1]);
        Assert.Equal("validation: errors=0 warnings=0", lines[^2]);
    }

    [Fact]
    public void Demo_with_idle_resources_keeps_them_through_the_frames_and_releases_every_one()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        string snapshot = Path.Combine(Path.GetTempPath(), $"idle-{Guid.NewGuid():N}.ressnap");
        try
        {
            int exit = Program.Run(["--frames", "20", "--idle-resources", "2500", "--snapshot", snapshot], output, errors);
            string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{errors}");
            Assert.Contains("idle resources: 2,500 under the device", lines);
            Assert.Equal("leaks: 0", lines[^1]);
            var records = Engine.Resources.Snapshots.SnapshotReader.Read(File.ReadAllBytes(snapshot), "idle").Records;
            Assert.Equal(2500, records.Count(r => r.Kind == "FrameScope" && r.CreationFrame == 0));
            Assert.Equal(3, records.Count(r => r.Name is { } n && n.StartsWith("idle group ", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(snapshot);
        }
    }

    [Theory]
    [InlineData("--idle-resources", "0")]
    [InlineData("--idle-resources", "10000001")]
    [InlineData("--frames", "-1")]
    [InlineData("--inspect", "70000")]
    [InlineData("--leak-every", "0")]
    [InlineData("--fps", "0")]
    [InlineData("--fps", "1001")]
    [InlineData("--frames", "many")]
    [InlineData("--log-level", "loud")]
    [InlineData("--report-every", "0")]
    [InlineData("--frames-in-flight", "100000")]
    [InlineData("--frames-in-flight", "2147483647")]
    [InlineData("--snapshot-every", "-1")]
    [InlineData("--png", "/proc/version/last.png")]
    [InlineData("--snapshot", "/proc/demo.ressnap")]
    [InlineData("--png", "/tmp")]
    [InlineData("--bogus", "1")]
    [InlineData("--resize-every", "5")]
    [InlineData("--resize-every", "0")]
    [InlineData("--stream-every", "0")]
    public void Demo_rejects_bad_arguments_with_exit_code_2(string name, string value)
    {
        var errors = new StringWriter();
        var output = new StringWriter();
        Assert.Equal(Program.ExitUsage, Program.Run([name, value], output, errors));
        string[] lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // one line naming the argument and what is allowed, then the usage
        Assert.Contains(name, lines[0], StringComparison.Ordinal);
        Assert.StartsWith("usage:", lines[1], StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString()); // refused before any Vulkan work
    }

    [Fact]
    public void Demo_ranges_are_named_in_the_error()
    {
        var errors = new StringWriter();
        Program.Run(["--frames-in-flight", "100000"], new StringWriter(), errors);
        Assert.StartsWith("--frames-in-flight must be a whole number from 1 to 16; got '100000'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_help_lists_every_option_and_the_exit_codes()
    {
        var output = new StringWriter();
        Assert.Equal(Program.ExitClean, Program.Run(["--help"], output, new StringWriter()));
        foreach (string option in new[] { "--frames", "--frames-in-flight", "--report-every", "--png", "--snapshot", "--snapshot-every", "--log-level", "--log-file", "Exit codes" })
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_in_a_window_under_xvfb_run_recreates_the_swapchain_60_times_cleanly()
    {
        // What README shows: the demo under xvfb-run, validation on, a resize every 5 frames, a loader thread.
        string png = Path.Combine(Path.GetTempPath(), $"engine-demo-window-{Guid.NewGuid():N}.png");
        try
        {
            (int exit, string stdout, string stderr) = await RunDemoProcess(
                "xvfb-run", ["-a", "dotnet", typeof(Program).Assembly.Location, "--window", "--resize-every", "5", "--frames", "300", "--frames-in-flight", "3", "--stream-every", "8", "--report-every", "100", "--png", png]);
            string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Equal("swapchain recreations: 60", lines[^3]);
            Assert.Equal("validation: errors=0 warnings=0", lines[^2]);
            Assert.Equal("leaks: 0", lines[^1]);
            Assert.EndsWith("validation on", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.StartsWith("streamed textures: ", StringComparison.Ordinal));
            byte[] file = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, file[..4]);
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public async Task Demo_in_a_window_streams_a_texture_every_4_frames_while_resizing_every_7_for_2000_frames()
    {
        // The issue's run: images from a loader thread through the transfer queue, sampled by the triangle, while the
        // swapchain is replaced every 7 frames. About 15 s under validation on two cores.
        string png = Path.Combine(Path.GetTempPath(), $"engine-demo-stream-{Guid.NewGuid():N}.png");
        try
        {
            (int exit, string stdout, string stderr) = await RunDemoProcess(
                "xvfb-run", ["-a", "dotnet", typeof(Program).Assembly.Location, "--window", "--resize-every", "7", "--frames", "2000", "--stream-every", "4", "--report-every", "1000", "--png", png]);
            string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            Assert.Equal("validation: errors=0 warnings=0", lines[^2]);
            Assert.Equal("leaks: 0", lines[^1]);
            var streamed = System.Text.RegularExpressions.Regex.Match(stdout, @"streamed textures: (\d+) uploaded by the loader thread, (\d+) released \((\d+) reached the frames");
            Assert.True(streamed.Success, stdout);
            Assert.Equal(streamed.Groups[1].Value, streamed.Groups[2].Value);
            Assert.True(int.Parse(streamed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 450, stdout); // of 500 asked for
            Assert.True(int.Parse(streamed.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) > 400, stdout);
            Assert.Contains(lines, l => l.StartsWith("swapchain recreations: ", StringComparison.Ordinal) && l != "swapchain recreations: 0");

            // The screenshot's centre is the triangle's centre, where the streamed gradient is mid-green (128, untinted);
            // the vertex colours alone would give 102.
            byte[] pixels = PngPixels.ReadRgba(png, out int width, out int height);
            int centre = ((height / 2 * width) + (width / 2)) * 4;
            Assert.InRange(pixels[centre + 1], 118, 134);
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public async Task Demo_window_without_an_X_display_exits_3_in_one_line()
    {
        (int exit, string stdout, string stderr) = await RunDemoProcess(
            "dotnet", [typeof(Program).Assembly.Location, "--window", "--frames", "1"], environment: ("DISPLAY", null));
        Assert.Equal(Program.ExitNoVulkan, exit);
        Assert.Equal("", stdout);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Single(lines);
        Assert.StartsWith("no window: cannot open X display", lines[0], StringComparison.Ordinal);
        Assert.Contains("xvfb-run", lines[0], StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunDemoProcess(string file, string[] args, (string Name, string? Value)? environment = null)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (environment is { } variable)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        using Process process = Process.Start(start)!;
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> stdoutTask = process.StandardOutput.ReadToEndAsync(cancel);
        string stderr = await process.StandardError.ReadToEndAsync(cancel);
        string stdout = await stdoutTask;
        await process.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(300), cancel);
        return (process.ExitCode, stdout, stderr);
    }

    [Fact]
    public async Task Demo_without_a_Vulkan_driver_exits_3_naming_the_packages_to_install()
    {
        // A separate process: the loader reads its driver list from the environment at instance creation.
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--frames", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["VK_DRIVER_FILES"] = "/nonexistent/no-driver.json";
        start.Environment["VK_ICD_FILENAMES"] = "/nonexistent/no-driver.json";
        using Process process = Process.Start(start)!;
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> stdoutTask = process.StandardOutput.ReadToEndAsync(cancel);
        string stderr = await process.StandardError.ReadToEndAsync(cancel);
        string stdout = await stdoutTask;
        await process.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(60), cancel);

        Assert.Equal(Program.ExitNoVulkan, process.ExitCode);
        Assert.Equal("", stdout);
        string last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Contains("mesa-vulkan-drivers libvulkan1 vulkan-validationlayers", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_ends_with_an_orderly_teardown_and_the_full_report()
    {
        string png = Path.Combine(Path.GetTempPath(), $"interrupted-{Guid.NewGuid():N}.png");
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--frames", "10000000", "--report-every", "20", "--png", png])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        CancellationToken cancel = TestContext.Current.CancellationToken;
        Task<string> stderrTask = process.StandardError.ReadToEndAsync(cancel);
        var stdout = new System.Text.StringBuilder();
        try
        {
            // Wait until frames are being rendered, then send SIGINT as a terminal's Ctrl-C would.
            while (await process.StandardOutput.ReadLineAsync(cancel) is { } line)
            {
                stdout.AppendLine(line);
                if (line.StartsWith("frame 40:", StringComparison.Ordinal))
                {
                    using Process kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                    await kill.WaitForExitAsync(cancel);
                    break;
                }
            }

            stdout.Append(await process.StandardOutput.ReadToEndAsync(cancel));
            await process.WaitForExitAsync(cancel).WaitAsync(TimeSpan.FromSeconds(60), cancel);
            string text = stdout.ToString();

            Assert.True(process.ExitCode == Program.ExitClean, $"exit {process.ExitCode}\n{text}\n{await stderrTask}");
            Assert.Contains("interrupted at frame", text, StringComparison.Ordinal);
            Assert.Contains("validation: errors=0 warnings=0", text, StringComparison.Ordinal);
            Assert.Contains("leaks: 0", text, StringComparison.Ordinal);
            Assert.True(File.Exists(png), "the interrupted frame is still written as the PNG");
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
}
