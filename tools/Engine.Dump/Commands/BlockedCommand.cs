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
                throw new UsageException("--limit must be 1 or more");
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

        foreach (int head in analysis.Heads)
        {
            var tree = new Tree(Line(analysis, head));
            AddBlockers(analysis, tree, head, limit);
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

    private static void AddBlockers(BlockerAnalysis analysis, IHasTreeNodes parent, int node, int limit)
    {
        // Iterative over levels would complicate Spectre's nesting; blocked chains are as deep as the
        // forest, which ForestWalk.DepthCeiling already treats as the sane maximum.
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
            if (analysis.CauseOf(child) == BlockCause.HeldByChildren && analysis.Index.Depth[child] < ForestWalk.DepthCeiling)
            {
                AddBlockers(analysis, added, child, limit);
            }
        }

        if (hidden > 0)
        {
            parent.AddNode(new Text($"… {ResourceLabel.Plural(hidden, "more blocker", "more blockers")} (raise --limit to see them)"));
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
            BlockCause.Faulted => $"destroy callback failed: {record.FaultMessage ?? "(no message)"}",
            BlockCause.HeldByChildren => $"held by {ResourceLabel.Plural(analysis.Index.ChildCount(node), "child", "children")}",
            _ => "destroyed at the next update",
        };
        return new Text($"{ResourceLabel.Of(record)} — {why}", StateStyles.Of(record.State));
    }
}
