using Engine.Analysis;
using System.Globalization;
using System.Text.Json;
using Engine.Dump.Live;
using Engine.Dump.Rendering;

namespace Engine.Dump.Commands;

/// <summary>
/// <c>resdump watch URL [--interval-ms N] [--samples N]</c>: counts per kind of a running engine over time, from its
/// inspector's <c>/summary</c>, one line per sample with what changed; a kind whose count rose in each of the last
/// three samples is flagged as growing. Exit 1 when a kind was flagged, 0 otherwise, 2 on bad input or an answer
/// <see cref="InspectorClient"/> does not accept.
/// </summary>
public static class WatchCommand
{
    public const string Usage =
        "usage: resdump watch URL [--interval-ms N (50 to 600,000, default 1000)] [--samples N (1 to 1,000,000, default 10)]";

    public static int Run(string[] args, DumpEnvironment env)
    {
        if (LiveCommandLine.ParseTarget(args, env, Usage, out int exit) is not { } inspector)
        {
            return exit;
        }

        int interval = 1000;
        int samples = 10;
        for (int i = 2; i < args.Length; i += 2)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = args[i] switch
            {
                "--interval-ms" => TryRange(value, 50, 600_000, out interval),
                "--samples" => TryRange(value, 1, 1_000_000, out samples),
                _ => false,
            };
            if (!ok)
            {
                env.Stderr.WriteLine($"resdump: watch: bad option '{ResourceLabel.Text(args[i])}' '{ResourceLabel.Text(value ?? "")}'; {Usage}");
                return ExitCodes.BadInput;
            }
        }

        using var client = new InspectorClient(inspector);
        try
        {
            return Watch(client, env, interval, samples);
        }
        catch (InspectorException error)
        {
            env.Stderr.WriteLine($"resdump: watch: {error.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static int Watch(InspectorClient client, DumpEnvironment env, int interval, int samples)
    {
        var history = new GrowthHistory<string>();
        var flagged = new SortedSet<string>(StringComparer.Ordinal);
        env.Stdout.WriteLine($"watching {client.Authority} every {interval} ms, {samples} samples");
        for (int sample = 0; sample < samples; sample++)
        {
            if (sample > 0)
            {
                Thread.Sleep(interval);
            }

            using JsonDocument document = client.GetJson("/summary");
            long frame = InspectorClient.Int64Field(document, "/summary", "frame");
            if (history.Frames.Any() && frame == history.Frames.Last())
            {
                // The inspector answered from the capture it gave last time (it reuses one for a while, longer
                // on large forests): not a new sample, so it neither breaks nor extends a streak.
                env.Stdout.WriteLine($"frame {frame}: same capture as the last sample");
                continue;
            }

            var changes = new List<string>();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach ((string name, int count) in InspectorClient.CountsField(document, "/summary", "kinds"))
            {
                counts[name] = count;
            }

            int[] previous = history.Frames.Any() ? [.. counts.Keys.Select(k => history.Series(k)[^1])] : [];
            history.Add(frame, counts);
            int k = 0;
            foreach ((string kind, int count) in counts)
            {
                int before = sample == 0 ? 0 : previous[k++];
                if (sample == 0 || count != before)
                {
                    changes.Add(sample == 0 ? $"{ResourceLabel.Text(kind)} {count}" : $"{ResourceLabel.Text(kind)} {count} ({count - before:+#;-#;0})");
                }

                if (history.IsGrowing(kind) && flagged.Add(kind))
                {
                    int[] series = history.Series(kind);
                    changes.Add($"GROWING: {ResourceLabel.Text(kind)} rose in each of the last {history.Rises} samples ({series[^(history.Rises + 1)]} → {count})");
                }
            }

            env.Stdout.WriteLine($"frame {frame}: {(changes.Count == 0 ? "no change" : string.Join(", ", changes))}");
        }

        if (flagged.Count > 0)
        {
            env.Stdout.WriteLine($"growing: {string.Join(", ", flagged.Select(ResourceLabel.Text))}");
            return ExitCodes.CheckFailed;
        }

        return ExitCodes.Success;
    }

    private static bool TryRange(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
