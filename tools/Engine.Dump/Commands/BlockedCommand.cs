using Engine.Resources;
using Engine.Analysis;
using System.CommandLine;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Dump.Rendering;
using Engine.Resources.Snapshots;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Engine.Dump.Commands;

/// <summary><c>resdump blocked FILE</c>: pending resources that cannot be destroyed yet, and what holds them.</summary>
public static class BlockedCommand
{
    /// <summary>The most levels of a blocked chain drawn below its head (fewer on a narrow terminal: each level
    /// indents by four columns and a label needs about sixty).</summary>
    public const int MaxNesting = 64;

    private static readonly string[] CauseTokens = [.. BlockReasons.RootCauses.Select(BlockReasons.Token)];

    public static Command Create(DumpEnvironment env)
    {
        var file = FileArgument.Create();
        var limit = new Option<int>("--limit") { Description = "Blockers shown per resource before the rest are summarized.", DefaultValueFactory = _ => 20 };
        var cause = new Option<string?>("--cause") { Description = $"Show only the chains with this root cause: {string.Join(", ", CauseTokens)}." };
        cause.AcceptOnlyFromAmong([.. CauseTokens]);
        var failOn = new Option<string[]>("--fail-on")
        {
            Description = $"Exit 1 when a root cause is one of these (comma-separated or repeated): {string.Join(", ", CauseTokens)}; for CI.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per root cause (the resource at the bottom of a chain), one per line." };
        var command = new Command("blocked", "List every pending resource that cannot be destroyed yet and the chain of what holds it; identical blockers are grouped.") { file, limit, cause, failOn, json };
        command.SetAction(parse =>
        {
            var index = new SnapshotIndex(SnapshotLoader.Load(parse.GetRequiredValue(file), env));
            int perNode = parse.GetValue(limit);
            if (perNode < 1)
            {
                throw new UsageException($"--limit must be 1 or more, got {perNode}");
            }

            var failing = new HashSet<BlockReason>();
            foreach (string name in (parse.GetValue(failOn) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                failing.Add(BlockReasons.TryParseRootCause(name, out BlockReason c)
                    ? c
                    : throw new UsageException($"--fail-on takes {string.Join(", ", CauseTokens)}; got '{Engine.Resources.ResourceLabels.Text(name)}'"));
            }

            BlockReason? only = parse.GetValue(cause) is { } causeName && BlockReasons.TryParseRootCause(causeName, out BlockReason named) ? named : null;
            var analysis = new BlockerAnalysis(index);
            if (parse.GetValue(json))
            {
                WriteJson(new JsonLines(env.Stdout), analysis, only);
            }
            else
            {
                Render(env.Console, analysis, perNode, only);
            }

            return analysis.RootCauses().Keys.Any(failing.Contains) ? ExitCodes.CheckFailed : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteJson(JsonLines output, BlockerAnalysis analysis, BlockReason? only)
    {
        foreach (int head in analysis.Heads)
        {
            foreach ((int node, BlockReason cause) in analysis.RootCauseResources([head]))
            {
                if (only is { } wanted && cause != wanted)
                {
                    continue;
                }

                output.Write(json =>
                {
                    ResourceJson.WriteFields(json, analysis.Index.Records[node]);
                    json.WriteString("cause", BlockReasons.Token(cause));
                    json.WriteString("head", analysis.Index.Records[head].Handle.ToString());
                });
            }
        }
    }

    private static void Render(IAnsiConsole console, BlockerAnalysis analysis, int limit, BlockReason? only)
    {
        if (analysis.StuckCount == 0)
        {
            console.WriteLine(analysis.PendingCount == 0
                ? "Nothing is pending."
                : $"Nothing is blocked: {ResourceLabel.Plural(analysis.PendingCount, "pending resource", "pending resources")} will be destroyed at the next update.");
            return;
        }

        var drawn = new bool[analysis.Index.Count];
        int nesting = Math.Clamp((console.Profile.Width - 60) / 4, 4, MaxNesting);
        foreach (List<int> heads in analysis.HeadGroups())
        {
            if (only is { } wanted && !analysis.RootCauseResources(heads.Take(1)).Any(r => r.Cause == wanted))
            {
                continue;
            }

            if (heads.Count > 1)
            {
                console.Write(SameChains(analysis, heads, limit));
                continue;
            }

            var tree = new Tree(Line(analysis, heads[0]));
            AddBlockers(analysis, tree, heads[0], limit, nesting, drawn, only);
            console.Write(tree);
        }

        Dictionary<BlockReason, int> causes = analysis.RootCauses();
        string summary = string.Join(", ", BlockReasons.RootCauses.Where(causes.ContainsKey).Select(c => BlockReasons.Count(c, causes[c])));
        console.WriteLine();
        console.WriteLine($"{ResourceLabel.Plural(analysis.StuckCount, "pending resource cannot", "pending resources cannot")} be destroyed yet ({ResourceLabel.Count(analysis.PendingCount)} pending in all); root causes: {summary}.");
    }

    /// <summary>
    /// Adds what holds <paramref name="head"/>, level by level, without recursion: the nesting a file can ask for is
    /// capped at <paramref name="nesting"/> (deeper levels are not drawn), and each record is drawn once, so a
    /// crafted file with a parent cycle or a chain a million deep costs bounded time, memory and stack.
    /// </summary>
    private static void AddBlockers(BlockerAnalysis analysis, IHasTreeNodes tree, int head, int limit, int nesting, bool[] drawn, BlockReason? only)
    {
        var pending = new Stack<(IHasTreeNodes Parent, int Node, int Level)>();
        pending.Push((tree, head, 1));
        drawn[head] = true;
        while (pending.Count > 0)
        {
            (IHasTreeNodes parent, int node, int level) = pending.Pop();
            int shown = 0;
            int hidden = 0;

            // Leaf blockers that read the same (kind, name, state, cause) are one line with a count: a frame's worth
            // of buffers waiting for the GPU is one fact, not 498 lines.
            var groups = new Dictionary<(string, string?, ResourceState, BlockReason), List<int>>();
            var order = new List<object>();
            foreach (int child in analysis.Index.ChildrenOf(node))
            {
                BlockReason cause = analysis.CauseOf(child);
                if (cause == BlockReason.Ready || (only is { } wanted && cause != BlockReason.HeldByChildren && cause != wanted))
                {
                    continue;
                }

                SnapshotRecord record = analysis.Index.Records[child];
                if (cause == BlockReason.HeldByChildren)
                {
                    order.Add(child);
                    continue;
                }

                var key = (record.Kind, record.Name, record.State, cause);
                if (!groups.TryGetValue(key, out List<int>? members))
                {
                    members = [];
                    groups.Add(key, members);
                    order.Add(members);
                }

                members.Add(child);
            }

            foreach (object item in order)
            {
                if (shown == limit)
                {
                    hidden += item is List<int> rest ? rest.Count : 1;
                    continue;
                }

                shown++;
                if (item is List<int> { Count: > 1 } members)
                {
                    parent.AddNode(GroupLine(analysis, members));
                    foreach (int member in members)
                    {
                        drawn[member] = true;
                    }

                    continue;
                }

                int child = item is List<int> single ? single[0] : (int)item;
                TreeNode added = parent.AddNode(Line(analysis, child));
                if (drawn[child])
                {
                    added.AddNode(new Text("… shown above: the file's parent links form a cycle (resdump validate names it)"));
                    continue;
                }

                drawn[child] = true;
                if (analysis.CauseOf(child) != BlockReason.HeldByChildren)
                {
                    continue;
                }

                if (level == nesting)
                {
                    added.AddNode(new Text($"… deeper levels not shown (more than {nesting} levels)"));
                    continue;
                }

                pending.Push((added, child, level + 1));
            }

            if (hidden > 0)
            {
                parent.AddNode(new Text($"… {ResourceLabel.Plural(hidden, "more blocker", "more blockers")} (raise --limit to see them)"));
            }
        }
    }

    /// <summary><c>498 × Buffer "staging" waiting for GPU (#7v1 … #505v1, f10–f12) — each waits for GPU work to complete (last use at timeline values 8–10)</c>.</summary>
    private static IRenderable GroupLine(BlockerAnalysis analysis, List<int> members)
    {
        SnapshotRecord first = analysis.Index.Records[members[0]];
        BlockReason reason = analysis.CauseOf(members[0]);
        string why = reason switch
        {
            BlockReason.GpuInFlight => $"each {BlockReasons.Explain(reason)} (last use at timeline values {members.Min(m => analysis.Index.Records[m].LastGpuUse)}–{members.Max(m => analysis.Index.Records[m].LastGpuUse)})",
            BlockReason.Faulted => $"each: {BlockReasons.Explain(reason)}, e.g. {ResourceLabel.Text(first.FaultMessage ?? "(no message)")}",
            _ => $"each: {BlockReasons.Explain(reason)}",
        };
        return Counted(analysis, members, why);
    }

    /// <summary>
    /// Heads whose chains read the same, as one tree: <c>18 × FrameScope "frame 3" blocked (#5v1 … #90v1, f1–f18) —
    /// held by what depends on it</c>, and below it what holds them, counted the same way.
    /// </summary>
    private static Tree SameChains(BlockerAnalysis analysis, List<int> heads, int limit)
    {
        var tree = new Tree(Counted(analysis, heads, analysis.Explain(heads[0])));
        var byCause = new Dictionary<(BlockReason, string, string?), List<int>>();
        foreach ((int node, BlockReason cause) in analysis.RootCauseResources(heads))
        {
            SnapshotRecord record = analysis.Index.Records[node];
            var key = (cause, record.Kind, record.Name is { } name ? LeakAnalysis.FoldDigits(name) : null);
            if (!byCause.TryGetValue(key, out List<int>? members))
            {
                members = [];
                byCause.Add(key, members);
            }

            members.Add(node);
        }

        foreach (((BlockReason cause, _, _), List<int> members) in byCause.Take(limit))
        {
            // Found through a stack: shown in handle order, as every list of the tool is.
            members.Sort((a, b) => (analysis.Index.Records[a].Handle.Id, analysis.Index.Records[a].Handle.Version)
                .CompareTo((analysis.Index.Records[b].Handle.Id, analysis.Index.Records[b].Handle.Version)));
            tree.AddNode(Counted(analysis, members, BlockReasons.Explain(cause)));
        }

        if (byCause.Count > limit)
        {
            tree.AddNode(new Text($"… {ResourceLabel.Plural(byCause.Count - limit, "more group", "more groups")} (raise --limit to see them)"));
        }

        return tree;
    }

    /// <summary><c>18 × FrameScope "frame 3" blocked (#5v1 … #90v1, f1–f18) — why</c>; the first member's name as an example.</summary>
    private static Text Counted(BlockerAnalysis analysis, List<int> members, string why)
    {
        SnapshotRecord first = analysis.Index.Records[members[0]];
        SnapshotRecord last = analysis.Index.Records[members[^1]];
        long minFrame = members.Min(m => analysis.Index.Records[m].CreationFrame);
        long maxFrame = members.Max(m => analysis.Index.Records[m].CreationFrame);
        string identity = first.Name is null ? ResourceLabel.Text(first.Kind) : $"{ResourceLabel.Text(first.Kind)} {ResourceLabels.Quote(first.Name)}";
        string frames = minFrame == maxFrame ? $"f{minFrame}" : $"f{minFrame}–f{maxFrame}";
        string range = members.Count == 1 ? $"{first.Handle}, {frames}" : $"{first.Handle} … {last.Handle}, {frames}";
        return new Text($"{ResourceLabel.Count(members.Count)} × {identity} {ResourceStates.Words(first.State)} ({range}) — {why}", StateStyles.Of(first.State));
    }

    private static IRenderable Line(BlockerAnalysis analysis, int node)
    {
        SnapshotRecord record = analysis.Index.Records[node];
        return new Text($"{ResourceLabel.Of(record)} — {analysis.Explain(node)}", StateStyles.Of(record.State));
    }
}
