using Engine.Resources;
using System.Text.Json;
using Engine.Analysis;
using Engine.Resources.Counters;
using Engine.Resources.Snapshots;

namespace Engine.Inspector.Live;

/// <summary>
/// <c>/summary</c>: what one capture says at a glance (counts per kind and per state, blocked chains with their root
/// causes, how full each memory container is), what the last frames did (from the frame counter window) and which groups keep growing (from the growth
/// history of earlier summaries).
/// </summary>
internal static class ForestSummary
{
    public const int MaxChains = 20;
    public const int MaxCausesPerChain = 10;
    public const int MaxGrowing = 10;
    public const int RecentFrames = 120;
    public const int MaxContainers = 50;

    public static void Write(
        Utf8JsonWriter writer, SnapshotIndex index, BlockerAnalysis blocked, FrameCounters[] window, long missedFrames,
        GrowthHistory<LeakGroupKey> growth)
    {
        writer.WriteNumber("frame", index.Snapshot.Header.Frame);
        writer.WriteNumber("resources", index.Count);
        WriteCounts(writer, index);
        WriteFrames(writer, window, missedFrames);
        WriteBlocked(writer, blocked);
        WriteGrowing(writer, growth);
        MemoryJson.Write(writer, new MemoryAnalysis(index), MaxContainers);
    }

    private static void WriteCounts(Utf8JsonWriter writer, SnapshotIndex index)
    {
        writer.WriteStartObject("kinds");
        foreach (var group in index.Records.GroupBy(r => r.Kind, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(group.Key, group.Count());
        }

        writer.WriteEndObject();
        writer.WriteStartObject("states");
        foreach (var group in index.Records.GroupBy(r => r.State).OrderBy(g => g.Key))
        {
            writer.WriteNumber(group.Key.ToString(), group.Count());
        }

        writer.WriteEndObject();
    }

    /// <summary>Per-frame created/destroyed: totals over the window and the last <see cref="RecentFrames"/> frames.</summary>
    private static void WriteFrames(Utf8JsonWriter writer, FrameCounters[] window, long missedFrames)
    {
        writer.WriteStartObject("frames");
        writer.WriteNumber("recorded", window.Length);
        writer.WriteNumber("missed", missedFrames);
        writer.WriteNumber("created", window.Sum(f => (long)f.Created));
        writer.WriteNumber("destroyed", window.Sum(f => (long)f.Destroyed));
        writer.WriteNumber("faulted", window.Sum(f => (long)f.Faulted));
        writer.WriteNumber("maxCreated", window.Length == 0 ? 0 : window.Max(f => f.Created));
        writer.WriteNumber("maxDestroyed", window.Length == 0 ? 0 : window.Max(f => f.Destroyed));
        writer.WriteStartArray("recent");
        foreach (FrameCounters frame in window.AsSpan(Math.Max(0, window.Length - RecentFrames)))
        {
            WriteFrame(writer, frame);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One frame's counters, as the summary and the event stream write them.</summary>
    public static void WriteFrame(Utf8JsonWriter writer, in FrameCounters frame)
    {
        writer.WriteStartObject();
        writer.WriteNumber("frame", frame.Frame);
        writer.WriteNumber("created", frame.Created);
        writer.WriteNumber("destroyed", frame.Destroyed);
        writer.WriteNumber("faulted", frame.Faulted);
        writer.WriteNumber("resources", frame.Resources);
        writer.WriteNumber("pending", frame.Pending);
        writer.WriteNumber("blocked", frame.Blocked);
        writer.WriteNumber("waitingForGpu", frame.WaitingForGpu);
        writer.WriteEndObject();
    }

    /// <summary>The topmost stuck resources and, for each, the resources at the bottom of its chain and why.</summary>
    private static void WriteBlocked(Utf8JsonWriter writer, BlockerAnalysis blocked)
    {
        writer.WriteStartObject("blocked");
        writer.WriteNumber("pending", blocked.PendingCount);
        writer.WriteNumber("stuck", blocked.StuckCount);
        writer.WriteNumber("chains", blocked.Heads.Count);
        writer.WriteStartObject("rootCauses");
        foreach ((BlockReason cause, int count) in blocked.RootCauses().OrderByDescending(c => c.Value))
        {
            writer.WriteNumber(BlockReasons.Token(cause), count);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("heads");
        foreach (int head in blocked.Heads.Take(MaxChains))
        {
            writer.WriteStartObject();
            ResourceJson.Write(writer, "resource", blocked.Index.Records[head]);
            writer.WriteString("why", blocked.Explain(head));
            List<(int Index, BlockReason Cause)> causes = blocked.RootCauseResources([head]);
            writer.WriteNumber("causeCount", causes.Count);
            writer.WriteStartArray("causes");
            foreach ((int node, BlockReason cause) in causes.Take(MaxCausesPerChain))
            {
                writer.WriteStartObject();
                ResourceJson.Write(writer, "resource", blocked.Index.Records[node]);
                writer.WriteString("cause", BlockReasons.Token(cause));
                writer.WriteString("why", blocked.Explain(node, cause));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Groups (kind, name with digits folded, owner, shape) whose count rose in each of the last samples: the
    /// leak analysis's groups, unreleased resources and stuck releases alike.</summary>
    private static void WriteGrowing(Utf8JsonWriter writer, GrowthHistory<LeakGroupKey> growth)
    {
        writer.WriteStartObject("growth");
        writer.WriteNumber("samples", growth.Frames.Count());
        writer.WriteNumber("rises", growth.Rises);
        writer.WriteStartArray("sampleFrames");
        foreach (long frame in growth.Frames)
        {
            writer.WriteNumberValue(frame);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("growing");
        foreach ((LeakGroupKey key, int[] series) in growth.Growing().Take(MaxGrowing))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", Engine.Resources.ResourceLabels.Text(key.Kind));
            if (key.Name is not null)
            {
                writer.WriteString("name", Engine.Resources.ResourceLabels.Text(key.Name));
            }

            writer.WriteString("owner", key.OwnerPath);
            if (key.IsStuckRelease)
            {
                writer.WriteBoolean("stuckRelease", true);
            }

            writer.WriteNumber("count", series[^1]);
            writer.WriteNumber("growth", series[^1] - series[0]);
            writer.WriteStartArray("series");
            foreach (int count in series)
            {
                writer.WriteNumberValue(count);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
