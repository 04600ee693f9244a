using Engine.Resources;
using Engine.Analysis;
using System.CommandLine;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Dump.Rendering;
using Engine.Resources.Snapshots;
using Spectre.Console;

namespace Engine.Dump.Commands;

/// <summary><c>resdump diff OLD NEW</c>: resources added, removed and changed state, per kind first.</summary>
public static class DiffCommand
{
    public static Command Create(DumpEnvironment env)
    {
        var older = FileArgument.Create("OLD", "The earlier snapshot.");
        var newer = FileArgument.Create("NEW", "The later snapshot.");
        var limit = new Option<int>("--limit") { Description = "Resources listed per section (added, removed, changed) after the counts.", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "One JSON object per added, removed or changed resource, one per line." };
        var command = new Command("diff", "Show resources added, removed and changed state between two snapshots, grouped by kind.") { older, newer, limit, json };
        command.SetAction(parse =>
        {
            string oldPath = parse.GetRequiredValue(older);
            string newPath = parse.GetRequiredValue(newer);
            int perSection = parse.GetValue(limit);
            if (perSection < 0)
            {
                throw new UsageException($"--limit must be 0 or more, got {perSection}");
            }

            var before = new SnapshotIndex(SnapshotLoader.Load(oldPath, env));
            var after = new SnapshotIndex(SnapshotLoader.Load(newPath, env));
            SnapshotPair.Check(env, oldPath, newPath, before.Snapshot, after.Snapshot);
            var diff = new SnapshotDiff(before, after);
            if (parse.GetValue(json))
            {
                WriteJson(new JsonLines(env.Stdout), diff);
                return ExitCodes.Success;
            }

            Render(env.Console, oldPath, newPath, diff, perSection);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, string oldPath, string newPath, SnapshotDiff diff, int limit)
    {
        console.WriteLine($"{ResourceLabel.FileName(oldPath)} (frame {diff.Before.Snapshot.Frame}, {ResourceLabel.Count(diff.Before.Count)} resources) → {ResourceLabel.FileName(newPath)} (frame {diff.After.Snapshot.Frame}, {ResourceLabel.Count(diff.After.Count)} resources)");
        console.WriteLine($"{ResourceLabel.Count(diff.Added.Count)} added, {ResourceLabel.Count(diff.Removed.Count)} removed, {ResourceLabel.Count(diff.Changed.Count)} changed, net {Signed(diff.After.Count - diff.Before.Count)}");
        if (diff.IsEmpty)
        {
            return;
        }

        var table = new Table().AddColumns("Kind", "Added", "Removed", "Changed", "Net");
        for (int c = 1; c < 5; c++)
        {
            table.Columns[c].RightAligned();
        }

        foreach (KindDiff k in diff.Kinds)
        {
            table.AddRow(new Text(ResourceLabel.Text(k.Kind)), new Text(ResourceLabel.Count(k.Added)), new Text(ResourceLabel.Count(k.Removed)),
                new Text(ResourceLabel.Count(k.Changed)), new Text(Signed(k.Net)));
        }

        console.Write(table);
        Section(console, "Added", diff.Added, limit, i => "+ " + Describe(diff.After, i));
        Section(console, "Removed", diff.Removed, limit, i => "- " + Describe(diff.Before, i));
        Section(console, "Changed (state, name or parent)", diff.Changed, limit, pair =>
        {
            SnapshotRecord before = diff.Before.Records[pair.Before];
            SnapshotRecord after = diff.After.Records[pair.After];
            DiffChange changes = SnapshotDiff.ChangesOf(before, after);
            var parts = new List<string>();
            if ((changes & DiffChange.State) != 0)
            {
                parts.Add($"{ResourceStates.Words(before.State)} → {ResourceStates.Words(after.State)}");
            }

            if ((changes & DiffChange.Name) != 0)
            {
                parts.Add($"renamed from {(before.Name is null ? "no name" : Engine.Resources.ResourceLabels.Quote(before.Name))}");
            }

            if ((changes & DiffChange.Parent) != 0)
            {
                parts.Add($"moved from {ParentLabel(diff.Before, pair.Before)} to {ParentLabel(diff.After, pair.After)}");
            }

            return $"~ {ResourceLabel.Identity(after)}, {ResourceLabel.Age(after)}: {string.Join("; ", parts)}";
        });
    }

    private static void Section<T>(IAnsiConsole console, string title, IReadOnlyList<T> items, int limit, Func<T, string> line)
    {
        if (items.Count == 0 || limit == 0)
        {
            return;
        }

        console.WriteLine();
        console.WriteLine(items.Count > limit ? $"{title} (first {limit} of {ResourceLabel.Count(items.Count)}):" : $"{title}:");
        foreach (T item in items.Take(limit))
        {
            console.WriteLine("  " + line(item));
        }
    }

    private static string Describe(SnapshotIndex index, int i)
    {
        SnapshotRecord record = index.Records[i];
        int parent = index.Parent[i];
        return parent < 0 ? ResourceLabel.Of(record) : $"{ResourceLabel.Of(record)} under {ResourceLabel.Identity(index.Records[parent])}";
    }

    private static void WriteJson(JsonLines output, SnapshotDiff diff)
    {
        foreach (int i in diff.Added)
        {
            output.Write(json =>
            {
                json.WriteString("change", "added");
                ResourceJson.WriteFields(json, diff.After.Records[i]);
            });
        }

        foreach (int i in diff.Removed)
        {
            output.Write(json =>
            {
                json.WriteString("change", "removed");
                ResourceJson.WriteFields(json, diff.Before.Records[i]);
            });
        }

        foreach ((int b, int a) in diff.Changed)
        {
            output.Write(json =>
            {
                SnapshotRecord before = diff.Before.Records[b];
                json.WriteString("change", "changed");
                ResourceJson.WriteFields(json, diff.After.Records[a]);
                json.WriteString("stateBefore", ResourceStates.Token(before.State));
                json.WriteString("nameBefore", before.Name);
                json.WriteString("parentBefore", before.Parent?.ToString());
            });
        }
    }

    private static string ParentLabel(SnapshotIndex index, int i) =>
        index.Records[i].Parent is not { } handle ? "no parent (a root)"
        : index.Parent[i] >= 0 ? ResourceLabel.Identity(index.Records[index.Parent[i]])
        : $"{handle} (not in the file)";

    private static string Signed(int value) => value > 0 ? "+" + ResourceLabel.Count(value) : ResourceLabel.Count(value);
}
