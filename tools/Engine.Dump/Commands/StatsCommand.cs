using Engine.Resources;
using Engine.Analysis;
using System.CommandLine;
using System.Globalization;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Dump.Rendering;
using Engine.Resources.Snapshots;
using Spectre.Console;

namespace Engine.Dump.Commands;

/// <summary><c>resdump stats FILE</c>: counts per kind and state, depth histogram, largest subtrees, and how full each
/// memory container is.</summary>
public static class StatsCommand
{
    private const int BarWidth = 40;

    /// <summary>The depth histogram never has more rows than this.</summary>
    public const int MaxDepthRows = 32;

    /// <summary>The memory table never has more container rows than this (the JSON lists them all).</summary>
    public const int MaxContainerRows = 100;

    /// <summary>The largest --top accepted.</summary>
    public const int MaxTop = 1000;

    public static Command Create(DumpEnvironment env)
    {
        var file = FileArgument.Create();
        var top = new Option<int>("--top") { Description = "How many of the largest subtrees to list.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "The same figures as one JSON object." };
        var command = new Command("stats", "Count resources per kind and per state, show the depth histogram, the largest subtrees and how full each memory block is.") { file, top, json };
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            var index = new SnapshotIndex(SnapshotLoader.Load(path, env));
            int n = parse.GetValue(top);
            if (n < 0 || n > MaxTop)
            {
                throw new UsageException($"--top must be between 0 and {MaxTop}, got {n}");
            }

            var stats = new ForestStats(index, n);
            var memory = new MemoryAnalysis(index);
            if (parse.GetValue(json))
            {
                WriteJson(new JsonLines(env.Stdout), index, stats, memory);
            }
            else
            {
                Render(env.Console, path, index, stats);
                RenderMemory(env.Console, memory);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, string path, SnapshotIndex index, ForestStats stats)
    {
        SnapshotHeader header = index.Snapshot.Header;
        console.WriteLine($"{ResourceLabel.FileName(path)}: frame {header.Frame}, captured {header.CapturedAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC, format {header.FormatVersion}, writer {ResourceLabel.Text(header.WriterVersion)}");
        console.WriteLine($"{ResourceLabel.Plural(index.Count, "resource", "resources")}, {ResourceLabel.Plural(index.Roots.Count, "root", "roots")}, max depth {index.MaxDepth}, {ResourceLabel.Bytes(stats.TotalBytes)} declared");
        console.WriteLine();

        var kinds = new Table().Title("Per kind").AddColumns("Kind", "Count", "Alive", "Pending", "Blocked", "Waiting for GPU", "Faulted", "Size");
        foreach (int c in new[] { 1, 2, 3, 4, 5, 6, 7 })
        {
            kinds.Columns[c].RightAligned();
        }

        foreach (KindStats k in stats.Kinds)
        {
            kinds.AddRow(Cell(ResourceLabel.Text(k.Kind)), Cell(ResourceLabel.Count(k.Count)), Cell(ResourceLabel.Count(k.ByState[0])), Cell(ResourceLabel.Count(k.ByState[1])),
                Cell(ResourceLabel.Count(k.ByState[2])), Cell(ResourceLabel.Count(k.ByState[3])), Cell(ResourceLabel.Count(k.ByState[4])), Cell(ResourceLabel.Bytes(k.Bytes)));
        }

        console.Write(kinds);

        var states = new Table().Title("Per state").AddColumns("State", "Count", "Share");
        states.Columns[1].RightAligned();
        states.Columns[2].RightAligned();
        foreach (ResourceState state in Enum.GetValues<ResourceState>())
        {
            int count = stats.ByState[(int)state];
            states.AddRow(new Text(ResourceStates.Words(state), StateStyles.Of(state)), Cell(ResourceLabel.Count(count)), Cell(Percent(count, index.Count)));
        }

        console.Write(states);

        var depths = new Table().Title("Depth histogram").AddColumns("Depth", "Resources", "");
        depths.Columns[0].RightAligned();
        depths.Columns[1].RightAligned();
        var rows = stats.DepthRows(MaxDepthRows);
        long widest = rows.Select(r => r.Count).DefaultIfEmpty(0).Max();
        foreach ((int from, int to, long count) in rows)
        {
            int bar = widest == 0 ? 0 : (int)Math.Ceiling((double)count * BarWidth / widest);
            string depth = from == to ? from.ToString(CultureInfo.InvariantCulture) : $"{from.ToString(CultureInfo.InvariantCulture)}–{to.ToString(CultureInfo.InvariantCulture)}";
            depths.AddRow(Cell(depth), Cell(ResourceLabel.Count(count)), Cell(new string('█', bar)));
        }

        console.Write(depths);

        if (stats.Largest.Count > 0)
        {
            var largest = new Table().Title("Largest subtrees").AddColumns("Resource", "Subtree", "Depth");
            largest.Columns[1].RightAligned();
            largest.Columns[2].RightAligned();
            foreach (int i in stats.Largest)
            {
                largest.AddRow(Cell(ResourceLabel.Of(index.Records[i])), Cell(ResourceLabel.Count(index.SubtreeSize[i])), Cell(index.Depth[i].ToString(CultureInfo.InvariantCulture)));
            }

            console.Write(largest);
        }
    }

    /// <summary>Each container with placed resources (a memory block and its sub-allocations): nothing when the file
    /// has none.</summary>
    private static void RenderMemory(IAnsiConsole console, MemoryAnalysis memory)
    {
        if (memory.Containers.Count == 0 && memory.Unmatched == 0)
        {
            return;
        }

        var table = new Table().Title("Memory (placed resources per container)")
            .AddColumns("Container", "Size", "Used", "Free", "Ranges", "Largest free", "Fragmentation");
        foreach (int c in new[] { 1, 2, 3, 4, 5, 6 })
        {
            table.Columns[c].RightAligned();
        }

        foreach (ContainerUse use in memory.Containers.Take(MaxContainerRows))
        {
            string label = ResourceLabel.Identity(memory.Index.Records[use.Index]);
            if (use.BadRanges > 0)
            {
                label += $" ({ResourceLabel.Plural(use.BadRanges, "bad range", "bad ranges")}: overlapping or past the end)";
            }

            table.AddRow(Cell(label), Cell(ResourceLabel.Bytes(use.Size)), Cell(ResourceLabel.Bytes(use.Used)), Cell(ResourceLabel.Bytes(use.Free)),
                Cell(ResourceLabel.Count(use.Ranges)), Cell(ResourceLabel.Bytes(use.LargestFree)), Cell(ResourceLabel.Percent(use.Fragmentation)));
        }

        if (memory.Containers.Count > MaxContainerRows)
        {
            table.AddRow(Cell($"… {ResourceLabel.Plural(memory.Containers.Count - MaxContainerRows, "more container", "more containers")} (--json lists all)"));
        }

        long largest = memory.Containers.Select(c => c.LargestFree).DefaultIfEmpty(0).Max();
        table.AddRow(Cell($"Total ({ResourceLabel.Plural(memory.Containers.Count, "container", "containers")})"), Cell(ResourceLabel.Bytes(memory.TotalSize)),
            Cell(ResourceLabel.Bytes(memory.TotalUsed)), Cell(ResourceLabel.Bytes(memory.TotalFree)), Cell(ResourceLabel.Count(memory.TotalRanges)),
            Cell(ResourceLabel.Bytes(largest)), Cell(string.Empty));
        console.Write(table);
        if (memory.Unmatched > 0)
        {
            console.WriteLine($"{ResourceLabel.Plural(memory.Unmatched, "placement names", "placements name")} a container the file lacks or that declares no size.");
        }
    }

    private static void WriteJson(JsonLines output, SnapshotIndex index, ForestStats stats, MemoryAnalysis memory) => output.Write(json =>
    {
        SnapshotHeader header = index.Snapshot.Header;
        json.WriteNumber("frame", header.Frame);
        json.WriteNumber("formatVersion", header.FormatVersion);
        json.WriteNumber("resources", index.Count);
        json.WriteNumber("roots", index.Roots.Count);
        json.WriteNumber("maxDepth", index.MaxDepth);
        json.WriteString("declaredBytes", stats.TotalBytes.ToString(CultureInfo.InvariantCulture)); // may exceed 2^53
        json.WriteStartObject("states");
        foreach (ResourceState state in Enum.GetValues<ResourceState>())
        {
            json.WriteNumber(ResourceStates.Token(state), stats.ByState[(int)state]);
        }

        json.WriteEndObject();
        json.WriteStartArray("kinds");
        foreach (KindStats k in stats.Kinds)
        {
            json.WriteStartObject();
            json.WriteString("kind", k.Kind);
            json.WriteNumber("count", k.Count);
            foreach (ResourceState state in Enum.GetValues<ResourceState>())
            {
                json.WriteNumber(ResourceStates.Token(state), k.ByState[(int)state]);
            }

            json.WriteString("declaredBytes", k.Bytes.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("depths");
        foreach ((int from, int to, long count) in stats.DepthRows(MaxDepthRows))
        {
            json.WriteStartObject();
            json.WriteNumber("from", from);
            json.WriteNumber("to", to);
            json.WriteNumber("count", count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("largest");
        foreach (int i in stats.Largest)
        {
            json.WriteStartObject();
            json.WriteString("handle", index.Records[i].Handle.ToString());
            json.WriteNumber("subtree", index.SubtreeSize[i]);
            json.WriteNumber("depth", index.Depth[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        MemoryJson.Write(json, memory, int.MaxValue);
    });

    private static Text Cell(string text) => new(text);

    private static string Percent(int count, int total) =>
        total == 0 ? "-" : ((double)count / total).ToString("0.0%", CultureInfo.InvariantCulture);
}
