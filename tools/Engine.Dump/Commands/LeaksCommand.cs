using Engine.Analysis;
using Engine.Resources;
using System.CommandLine;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Dump.Rendering;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Commands;

/// <summary>
/// <c>resdump leaks OLD NEW</c>: what keeps growing between two snapshots of one engine (unreleased resources and stuck
/// releases), grouped by kind, name and owner path, with the rhythm of creations and the cause. Exit 1 when something
/// grows (a check for CI).
/// </summary>
public static class LeaksCommand
{
    public static Command Create(DumpEnvironment env)
    {
        var older = FileArgument.Create("OLD", "The earlier snapshot.");
        var newer = FileArgument.Create("NEW", "The later snapshot of the same running engine.");
        var limit = new Option<int>("--limit") { Description = "Growing groups listed (0 to 10000).", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "One JSON object per growing group, one per line." };
        var command = new Command("leaks", "Name what keeps growing between two snapshots of one engine: unreleased resources, and released ones something keeps, grouped by kind, name and owner, with counts, creation rhythm, size and cause; exit 1 when something grows.") { older, newer, limit, json };
        command.SetAction(parse =>
        {
            string oldPath = parse.GetRequiredValue(older);
            string newPath = parse.GetRequiredValue(newer);
            int shown = parse.GetValue(limit);
            if (shown is < 0 or > 10_000)
            {
                throw new UsageException($"--limit must be between 0 and 10000, got {shown}");
            }

            var before = new SnapshotIndex(SnapshotLoader.Load(oldPath, env));
            var after = new SnapshotIndex(SnapshotLoader.Load(newPath, env));
            SnapshotPair.Check(env, oldPath, newPath, before.Snapshot, after.Snapshot);
            var analysis = new LeakAnalysis(before, after);
            if (parse.GetValue(json))
            {
                WriteJson(env.Stdout, analysis, shown);
            }
            else
            {
                WriteText(env.Stdout, oldPath, newPath, analysis, shown);
            }

            return analysis.Groups.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(TextWriter output, string oldPath, string newPath, LeakAnalysis analysis, int limit)
    {
        long frames = analysis.After.Snapshot.Frame - analysis.Before.Snapshot.Frame;
        output.WriteLine($"{ResourceLabel.FileName(oldPath)} (frame {analysis.Before.Snapshot.Frame}) → {ResourceLabel.FileName(newPath)} (frame {analysis.After.Snapshot.Frame}), {ResourceLabel.Plural(frames, "frame", "frames")} apart");
        if (analysis.Groups.Count == 0)
        {
            output.WriteLine("No group grew: no leak between these snapshots.");
            return;
        }

        output.WriteLine($"{ResourceLabel.Plural(analysis.Groups.Count, "group grows", "groups grow")} (unreleased resources, and released ones something keeps, by kind, name and owner; digits in names folded into #):");
        foreach (LeakGroup group in analysis.Groups.Take(limit))
        {
            output.WriteLine();
            string owner = group.OwnerPath.Length == 0 ? "a root" : $"under {group.OwnerPath}";
            string shape = group.IsStuckRelease ? ", released but never destroyed" : string.Empty;
            output.WriteLine($"+{ResourceLabel.Count(group.Growth)}  {group.Label} {owner}{shape}");
            output.WriteLine($"      {ResourceLabel.Count(group.CountAfter)} now, {ResourceLabel.Count(group.CountBefore)} before; created frames {group.FirstCreationFrame}–{group.LastCreationFrame}, {group.Rhythm}; {ResourceLabel.Bytes(group.Bytes)} declared");
            if (group.Descendants.Count > 0)
            {
                output.WriteLine($"      with {ResourceLabel.Plural(group.DescendantCount, "descendant", "descendants")}: {string.Join(", ", group.Descendants.Select(d => $"{ResourceLabel.Count(d.CountAfter)} × {d.Label}"))}");
            }

            output.WriteLine($"      e.g. {ResourceLabel.Identity(group.Example)} (created frame {group.Example.CreationFrame}); {(group.IsStuckRelease ? PinnedBy(analysis, group) : Blocks(analysis, group))}");
        }

        if (analysis.Groups.Count > limit)
        {
            output.WriteLine();
            output.WriteLine($"… {ResourceLabel.Plural(analysis.Groups.Count - limit, "more group", "more groups")} (raise --limit to see them)");
        }
    }

    private static string Blocks(LeakAnalysis analysis, LeakGroup group) =>
        group.Blocks < 0
            ? "blocks nothing"
            : $"{ResourceLabel.Count(group.BlockingMembers)} of them keep {ResourceLabel.Of(analysis.After.Records[group.Blocks])} from being destroyed";

    private static string PinnedBy(LeakAnalysis analysis, LeakGroup group) =>
        group.PinnedBy < 0
            ? "nothing found that keeps them (resdump blocked shows their chains)"
            : $"{ResourceLabel.Count(group.PinnedMembers)} of them kept by {ResourceLabel.Of(analysis.After.Records[group.PinnedBy])} — {BlockReasons.Explain(group.PinCause)}";

    private static void WriteJson(TextWriter output, LeakAnalysis analysis, int limit)
    {
        var lines = new JsonLines(output);
        foreach (LeakGroup group in analysis.Groups.Take(limit))
        {
            lines.Write(json =>
            {
                json.WriteString("kind", group.Kind);
                json.WriteString("name", group.Name);
                json.WriteString("ownerPath", group.OwnerPath);
                json.WriteNumber("growth", group.Growth);
                json.WriteNumber("countBefore", group.CountBefore);
                json.WriteNumber("countAfter", group.CountAfter);
                json.WriteNumber("firstCreationFrame", group.FirstCreationFrame);
                json.WriteNumber("lastCreationFrame", group.LastCreationFrame);
                if (group.Period is { } period)
                {
                    json.WriteNumber("periodFrames", period);
                }
                else
                {
                    json.WriteNull("periodFrames");
                }

                json.WriteString("declaredBytes", group.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)); // may exceed 2^53
                json.WriteString("example", group.Example.Handle.ToString());
                json.WriteString("exampleName", group.Example.Name);
                json.WriteString("blocks", group.Blocks < 0 ? null : analysis.After.Records[group.Blocks].Handle.ToString());
                json.WriteNumber("blockingMembers", group.BlockingMembers);
                json.WriteBoolean("stuckRelease", group.IsStuckRelease);
                json.WriteString("pinnedBy", group.PinnedBy < 0 ? null : analysis.After.Records[group.PinnedBy].Handle.ToString());
                json.WriteString("pinCause", group.PinnedBy < 0 ? null : BlockReasons.Token(group.PinCause));
                json.WriteNumber("pinnedMembers", group.PinnedMembers);
                json.WriteStartArray("descendants");
                foreach (LeakGroup descendant in group.Descendants)
                {
                    json.WriteStartObject();
                    json.WriteString("kind", descendant.Kind);
                    json.WriteString("name", descendant.Name);
                    json.WriteNumber("growth", descendant.Growth);
                    json.WriteNumber("countAfter", descendant.CountAfter);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            });
        }
    }
}
