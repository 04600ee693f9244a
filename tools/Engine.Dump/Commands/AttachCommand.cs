using System.Globalization;
using System.Net;
using System.Text.Json;
using Engine.Dump.Rendering;

namespace Engine.Dump.Commands;

/// <summary>
/// <c>resdump attach URL COMMAND [ARGS…]</c>: runs a command against a running engine's inspector (Engine.Inspector)
/// instead of a file. URL is the inspector's start line (<c>http://127.0.0.1:PORT/#token=…</c>; the token may come from
/// <c>RESDUMP_TOKEN</c> or <c>RESDUMP_TOKEN_FILE</c> instead, see <see cref="InspectorTarget"/>). The live snapshot is
/// fetched into a temporary file and the command runs on it; <c>leaks</c> takes two captures <c>--frames N</c> frames
/// apart (default 60) and compares them.
/// </summary>
public static class AttachCommand
{
    public const string Usage =
        "usage: resdump attach URL COMMAND [ARGS...]   (URL: the inspector's http://127.0.0.1:PORT/#token=..., or without the token " +
        "and RESDUMP_TOKEN or RESDUMP_TOKEN_FILE set; " +
        "COMMAND: tree, stats, blocked, json, validate, dot, or leaks [--frames N, 1 to 100,000, default 60])";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Runs an attach command line; <paramref name="run"/> runs the rewritten file command.</summary>
    public static int Run(string[] args, DumpEnvironment env, Func<string[], int> run)
    {
        if (LiveCommandLine.ParseTarget(args, env, Usage, out int exit) is not { } inspector)
        {
            return exit;
        }

        if (args.Length < 3)
        {
            env.Stderr.WriteLine($"resdump: attach: no command given; {Usage}");
            return ExitCodes.BadInput;
        }

        string command = args[2];
        string[] rest = args[3..];
        string directory = Path.Combine(Path.GetTempPath(), $"resdump-attach-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            if (command == "leaks")
            {
                int frames = TakeFrames(ref rest);
                string first = Fetch(inspector, directory, "first.ressnap");
                WaitFrames(inspector, frames);
                string second = FetchFrom(inspector, directory, "second.ressnap", FrameOf(first) + frames);
                return run(["leaks", first, second, .. rest]);
            }

            return run([command, Fetch(inspector, directory, "live.ressnap"), .. rest]);
        }
        catch (AttachException error)
        {
            env.Stderr.WriteLine($"resdump: attach: {error.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int TakeFrames(ref string[] rest)
    {
        int index = Array.IndexOf(rest, "--frames");
        if (index < 0)
        {
            return 60;
        }

        if (index + 1 >= rest.Length || !int.TryParse(rest[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int frames) || frames is < 1 or > 100_000)
        {
            throw new AttachException($"--frames must be a whole number from 1 to 100,000; got '{(index + 1 < rest.Length ? ResourceLabel.Text(rest[index + 1]) : "")}'");
        }

        rest = [.. rest[..index], .. rest[(index + 2)..]];
        return frames;
    }

    private static string Fetch(InspectorTarget inspector, string directory, string name)
    {
        byte[] bytes = Get(inspector, "/snapshot").ReadAsByteArrayAsync().GetAwaiter().GetResult();
        string path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A capture of frame <paramref name="frame"/> or later: the inspector may answer from a capture taken
    /// up to a tenth of a second before the request, so the frames counted on /health are not enough.</summary>
    private static string FetchFrom(InspectorTarget inspector, string directory, string name, long frame)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            string path = Fetch(inspector, directory, name);
            if (FrameOf(path) >= frame)
            {
                return path;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new AttachException($"the inspector served no capture of frame {frame} or later within 5 minutes");
            }

            Thread.Sleep(250); // the inspector answers from its last capture until that one is old enough for its cost
        }
    }

    private static long FrameOf(string path)
    {
        try
        {
            return Engine.Resources.Snapshots.SnapshotReader.Read(File.ReadAllBytes(path), Path.GetFileName(path)).Header.Frame;
        }
        catch (Engine.Resources.Snapshots.SnapshotFormatException error)
        {
            throw new AttachException($"the inspector sent a snapshot that does not read: {error.Message}");
        }
    }

    private static void WaitFrames(InspectorTarget inspector, int frames)
    {
        long start = Frame(inspector);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Frame(inspector) < start + frames)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new AttachException($"the engine did not run {frames} frames within 5 minutes");
            }

            Thread.Sleep(20);
        }
    }

    private static long Frame(InspectorTarget inspector)
    {
        using JsonDocument health = JsonDocument.Parse(Get(inspector, "/health").ReadAsStringAsync().GetAwaiter().GetResult());
        return health.RootElement.GetProperty("frame").GetInt64();
    }

    private static HttpContent Get(InspectorTarget inspector, string path)
    {
        HttpResponseMessage response;
        try
        {
            response = inspector.GetAsync(Http, path).GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            throw new AttachException($"cannot reach {inspector.Authority}: {error.Message}");
        }

        return response.StatusCode switch
        {
            HttpStatusCode.OK => response.Content,
            HttpStatusCode.Unauthorized => throw new AttachException($"the inspector refused the token (401): {InspectorTarget.TokenHint}"),
            _ => throw new AttachException($"the inspector answered {(int)response.StatusCode} to {path}"),
        };
    }

    private sealed class AttachException(string message) : Exception(message);
}
