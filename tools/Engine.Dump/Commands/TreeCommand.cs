using Engine.Analysis;
using System.CommandLine;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Dump.Rendering;
using Spectre.Console;

namespace Engine.Dump.Commands;

/// <summary><c>resdump tree FILE</c>: the forest as an indented tree.</summary>
public static class TreeCommand
{
    public static Command Create(DumpEnvironment env)
    {
        var file = FileArgument.Create();
        var filters = new FilterOptions(defaultLimit: 50);
        var maxLines = new Option<int>("--max-lines") { Description = "Resources shown in all before the rest are summarized.", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "One JSON object per resource shown (and per summarized group), one per line." };
        var command = new Command("tree", "Show the ownership forest as a tree: kind, name, handle, state, creation frame, size.") { file };
        filters.AddTo(command);
        command.Options.Add(maxLines);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var index = new SnapshotIndex(SnapshotLoader.Load(parse.GetRequiredValue(file), env));
            filters.WarnIfKindAbsent(parse, index, env.Stderr);
            ForestFilter filter = filters.Filter(parse);
            FilterResult? result = filter.Apply(index);
            // Each level indents by four columns; past the width, Spectre would silently drop the deeper nodes,
            // so they are elided with a summary instead.
            int widthCeiling = Math.Max(4, (env.Width - 60) / 4);
            ForestWalk walk = filters.Walk(parse, index, result, Math.Max(1, parse.GetValue(maxLines)), widthCeiling);
            if (parse.GetValue(json))
            {
                walk.Run(new JsonTreeVisitor(index, result, new JsonLines(env.Stdout)));
            }
            else
            {
                Run(env, parse.GetRequiredValue(file), index, result, walk);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Run(DumpEnvironment env, string file, SnapshotIndex index, FilterResult? filter, ForestWalk walk)
    {
        string title = $"{ResourceLabel.FileName(file)}: frame {index.Snapshot.Frame}, {ResourceLabel.Plural(index.Count, "resource", "resources")}, {ResourceLabel.Plural(index.Roots.Count, "root", "roots")}";
        if (filter is not null)
        {
            title += $", {ResourceLabel.Plural(filter.MatchCount, "match", "matches")}";
        }

        var tree = new Tree(new Text(title));
        walk.Run(new SpectreTreeVisitor(index, filter, tree));
        env.Console.Write(tree);
        if (walk.HitNodeBudget)
        {
            env.Console.WriteLine($"(showing {ResourceLabel.Count(walk.Shown)} resources; raise --max-lines or narrow with --depth/--kind/--state/--name)");
        }
    }
}
