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

    public static Command Create(DumpEnvironment env)
    {
        var file = FileArgument.Create();
        var limit = new Option<int>("--limit") { Description = "Blockers shown per resource before the rest are summarized.", DefaultValueFactory = _ => 20 };
        var command = new Command("blocked", "List every pending resource that cannot be destroyed yet and the chain of what holds it.") { file, limit };
        command.SetAction(parse =>
        {
            var index = new SnapshotIndex(SnapshotLoader.Load(parse.GetRequiredValue(file), env));
            int perNode = parse.GetValue(limit);
            if (perNode < 1)
            {
                throw new UsageException($"--limit must be 1 or more, got {perNode}");
            }

            Render(env.Console, new BlockerAnalysis(index), perNode);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, BlockerAnalysis analysis, int limit)
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
        foreach (int head in analysis.Heads)
        {
            var tree = new Tree(Line(analysis, head));
            AddBlockers(analysis, tree, head, limit, nesting, drawn);
            console.Write(tree);
        }

        Dictionary<BlockCause, int> causes = analysis.RootCauses();
        string summary = string.Join(", ", new[]
        {
            (BlockCause.LiveChild, "live child", "live children"),
            (BlockCause.ExplicitRelease, "explicit-release resource", "explicit-release resources"),
            (BlockCause.GpuInFlight, "GPU wait", "GPU waits"),
            (BlockCause.Faulted, "fault", "faults"),
        }.Where(c => causes.ContainsKey(c.Item1)).Select(c => ResourceLabel.Plural(causes[c.Item1], c.Item2, c.Item3)));
        console.WriteLine();
        console.WriteLine($"{ResourceLabel.Plural(analysis.StuckCount, "pending resource cannot", "pending resources cannot")} be destroyed yet ({ResourceLabel.Count(analysis.PendingCount)} pending in all); root causes: {summary}.");
    }

    /// <summary>
    /// Adds what holds <paramref name="head"/>, level by level, without recursion: the nesting a file can ask for is
    /// capped at <paramref name="nesting"/> (deeper levels are not drawn), and each record is drawn once, so a
    /// crafted file with a parent cycle or a chain a million deep costs bounded time, memory and stack.
    /// </summary>
    private static void AddBlockers(BlockerAnalysis analysis, IHasTreeNodes tree, int head, int limit, int nesting, bool[] drawn)
    {
        var pending = new Stack<(IHasTreeNodes Parent, int Node, int Level)>();
        pending.Push((tree, head, 1));
        drawn[head] = true;
        while (pending.Count > 0)
        {
            (IHasTreeNodes parent, int node, int level) = pending.Pop();
            int shown = 0;
            int hidden = 0;
            foreach (int child in analysis.Index.ChildrenOf(node))
            {
                if (analysis.CauseOf(child) == BlockCause.Ready)
                {
                    continue;
                }

                if (shown == limit)
                {
                    hidden++;
                    continue;
                }

                shown++;
                TreeNode added = parent.AddNode(Line(analysis, child));
                if (drawn[child])
                {
                    added.AddNode(new Text("… shown above: the file's parent links form a cycle (resdump validate names it)"));
                    continue;
                }

                drawn[child] = true;
                if (analysis.CauseOf(child) != BlockCause.HeldByChildren)
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

    private static IRenderable Line(BlockerAnalysis analysis, int node)
    {
        SnapshotRecord record = analysis.Index.Records[node];
        string why = analysis.CauseOf(node) switch
        {
            BlockCause.LiveChild => "live child: its owner has not released it",
            BlockCause.ExplicitRelease => "explicit release: a cascade never destroys it; release it explicitly",
            BlockCause.GpuInFlight => $"waits for GPU work to complete (last use at timeline value {record.LastGpuUse})",
            BlockCause.Faulted => $"destroy callback failed: {(record.FaultMessage is { } fault ? ResourceLabel.Text(fault) : "(no message)")}",
            BlockCause.HeldByChildren => $"held by {ResourceLabel.Plural(analysis.Index.ChildCount(node), "child", "children")}",
            _ => "destroyed at the next update",
        };
        return new Text($"{ResourceLabel.Of(record)} — {why}", StateStyles.Of(record.State));
    }
}
