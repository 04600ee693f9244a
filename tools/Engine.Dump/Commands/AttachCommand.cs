using System.Globalization;
using System.Text.Json;
using Engine.Dump.Live;
using Engine.Dump.Rendering;

namespace Engine.Dump.Commands;

/// <summary>
/// <c>resdump attach URL COMMAND [ARGS…]</c>: runs a command against a running engine's inspector (Engine.Inspector)
/// instead of a file. URL is the inspector's start line (<c>http://127.0.0.1:PORT/#token=…</c>; the token may come from
/// <c>RESDUMP_TOKEN</c> or <c>RESDUMP_TOKEN_FILE</c> instead, see <see cref="InspectorTarget"/>). The live snapshot is
/// fetched into a temporary file and the command runs on it; <c>leaks</c> takes two captures <c>--frames N</c> frames
/// apart (default 60) and compares them. The temporary folder is the user's alone (mode 700) and removed after the
/// command; every answer is checked by <see cref="InspectorClient"/>, and one it does not accept ends the command with
/// one line and exit 2.
/// </summary>
public static class AttachCommand
{
    public const string Usage =
        "usage: resdump attach URL COMMAND [ARGS...]   (URL: the inspector's http://127.0.0.1:PORT/#token=..., or without the token " +
        "and RESDUMP_TOKEN or RESDUMP_TOKEN_FILE set; " +
        "COMMAND: tree, stats, blocked, json, validate, dot, or leaks [--frames N, 1 to 100,000, default 60])";

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
        using var client = new InspectorClient(inspector);
        // Created with mode 700 on Unix: other users cannot read the forest's names from it.
        DirectoryInfo directory = Directory.CreateTempSubdirectory("resdump-attach-");
        try
        {
            if (command == "leaks")
            {
                int frames = TakeFrames(ref rest);
                string first = Fetch(client, directory.FullName, "first.ressnap");
                WaitFrames(client, frames);
                string second = FetchFrom(client, directory.FullName, "second.ressnap", FrameOf(first) + frames);
                return run(["leaks", first, second, .. rest]);
            }

            return run([command, Fetch(client, directory.FullName, "live.ressnap"), .. rest]);
        }
        catch (Exception error) when (error is InspectorException or UsageException)
        {
            env.Stderr.WriteLine($"resdump: attach: {error.Message}");
            return ExitCodes.BadInput;
        }
        finally
        {
            directory.Delete(recursive: true);
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
            throw new UsageException($"--frames must be a whole number from 1 to 100,000; got '{(index + 1 < rest.Length ? ResourceLabel.Text(rest[index + 1]) : "")}'");
        }

        rest = [.. rest[..index], .. rest[(index + 2)..]];
        return frames;
    }

    private static string Fetch(InspectorClient client, string directory, string name)
    {
        string path = Path.Combine(directory, name);
        File.Delete(path); // a capture too old for `leaks` is fetched again
        client.DownloadSnapshot("/snapshot", path);
        return path;
    }

    /// <summary>A capture of frame <paramref name="frame"/> or later: the inspector may answer from a capture taken
    /// up to a tenth of a second before the request, so the frames counted on /health are not enough.</summary>
    private static string FetchFrom(InspectorClient client, string directory, string name, long frame)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            string path = Fetch(client, directory, name);
            if (FrameOf(path) >= frame)
            {
                return path;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InspectorException($"the inspector served no capture of frame {frame} or later within 5 minutes");
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
            throw new InspectorException($"the inspector sent a snapshot that does not read: {error.Message}");
        }
    }

    private static void WaitFrames(InspectorClient client, int frames)
    {
        long start = Frame(client);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Frame(client) < start + frames)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new InspectorException($"the engine did not run {frames} frames within 5 minutes");
            }

            Thread.Sleep(20);
        }
    }

    private static long Frame(InspectorClient client)
    {
        using JsonDocument health = client.GetJson("/health");
        return InspectorClient.Int64Field(health, "/health", "frame");
    }
}
