using System.Diagnostics;
using Engine.Dump.Rendering;
using Engine.Resources.Snapshots;
using Spectre.Console;

namespace Engine.Dump.Loading;

/// <summary>Reads snapshot files for the commands, with a progress bar on a terminal when it takes a while.</summary>
public static class SnapshotLoader
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    public static ResourceSnapshot Load(string path, DumpEnvironment env)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"{path}: is a directory, not a snapshot file");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        var stopwatch = Stopwatch.StartNew();
        var progress = new ReadProgress();
        ResourceSnapshot snapshot = env.Interactive ? LoadShowingProgress(path, env, progress) : Read(path, progress);
        env.Logger.Information("Read {File}: {Resources} resources, frame {Frame}, in {ElapsedMs} ms",
            path, snapshot.Records.Count, snapshot.Frame, stopwatch.ElapsedMilliseconds);
        return snapshot;
    }

    private static ResourceSnapshot Read(string path, ReadProgress progress)
    {
        // File bytes count for the first fifth of the bar, decoding for the rest.
        byte[] data;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            long length = stream.Length;
            if (length > int.MaxValue)
            {
                throw new SnapshotFormatException(path, $"file of {length} bytes is larger than any snapshot can be");
            }

            data = new byte[length];
            int read = 0;
            while (read < data.Length)
            {
                int n = stream.Read(data, read, Math.Min(1 << 22, data.Length - read));
                if (n == 0)
                {
                    throw new SnapshotFormatException(path, "file shrank while being read");
                }

                read += n;
                progress.Report(0.2 * read / data.Length);
            }
        }

        var decode = new ScaledProgress(progress, 0.2, 0.8);
        return SnapshotReader.Read(data, path, decode);
    }

    private static ResourceSnapshot LoadShowingProgress(string path, DumpEnvironment env, ReadProgress progress)
    {
        Task<ResourceSnapshot> reading = Task.Run(() => Read(path, progress));
        if (!reading.Wait(QuietPeriod))
        {
            // On stderr, so the command's own output stays clean even while the bar is shown.
            env.CreateConsole(env.Stderr).Progress().AutoClear(true).Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape($"reading {ResourceLabel.FileName(path)}"), maxValue: 1.0);
                while (!reading.Wait(100))
                {
                    task.Value = progress.Value;
                }

                task.Value = 1.0;
            });
        }

        return reading.GetAwaiter().GetResult();
    }
}
