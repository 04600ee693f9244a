using System.Text.RegularExpressions;
using Engine.Resources;

namespace Engine.Analysis;

/// <summary>
/// Growth between two snapshots of one engine, grouped by (kind, name, owner path): what piles up. Two shapes of leak
/// count. <b>Unreleased</b>: alive and nobody requested its destruction, in either file, so an old leak is still a
/// leak. <b>Stuck release</b>: its destruction was requested but something keeps it (a live child, a dependent, a
/// fault), the leak a user does not suspect; one that only waits to be destroyed at the next update does not count.
/// Digits in names are folded into <c>#</c> ("staging 1234" and "staging 1240" are one group), which is also what
/// keeps healthy churn out: a per-frame scope and its transients exist once in each file under a different frame
/// number, so they do not grow. A growing group whose members sit under the members of another growing group of the
/// same shape is shown inside it (a leaked scope with its buffer and memory is one group, not three). What a group
/// blocks and what pins it come from the same classifier as <c>resdump blocked</c> and the registry's GetBlockers, so
/// every kind of edge counts: children and dependency edges alike.
/// </summary>
public sealed class LeakAnalysis
{
    private static readonly Regex Digits = new("[0-9]+", RegexOptions.CultureInvariant);

    public LeakAnalysis(SnapshotIndex before, SnapshotIndex after)
    {
        Before = before;
        After = after;
        var groups = new Dictionary<LeakGroupKey, LeakGroup>();
        foreach ((int _, LeakGroupKey key) in Members(before, new BlockerAnalysis(before)))
        {
            GroupOf(groups, key).CountBefore++;
        }

        var blocked = new BlockerAnalysis(after);
        var keyOf = new Dictionary<int, LeakGroupKey>();
        foreach ((int i, LeakGroupKey key) in Members(after, blocked))
        {
            keyOf[i] = key;
            GroupOf(groups, key).AddAfter(i, after.Parent[i], after.Records[i]);
        }

        var growing = groups.Values.Where(g => g.Growth > 0).ToList();
        foreach (LeakGroup group in growing)
        {
            group.Finish();
        }

        // Inside the group of its members' parents when that one grows too (same shape): the owner path names the
        // parent's group, so one member decides for all.
        var tops = new List<LeakGroup>();
        foreach (LeakGroup group in growing)
        {
            LeakGroup top = group;
            for (int steps = 0; steps < MaxOwnerLabels && Enclosing(top, keyOf, groups) is { } outer; steps++)
            {
                top = outer;
            }

            if (top == group)
            {
                tops.Add(group);
            }
            else
            {
                top.AddDescendants(group);
            }
        }

        foreach (LeakGroup group in tops)
        {
            group.Explain(after, blocked);
        }

        Groups = [.. tops.OrderByDescending(g => g.Growth).ThenByDescending(g => g.CountAfter)
            .ThenBy(g => g.Kind, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal).ThenBy(g => g.IsStuckRelease)];
    }

    public SnapshotIndex Before { get; }

    public SnapshotIndex After { get; }

    /// <summary>Groups that grew, largest growth first; groups under another growing group are inside it
    /// (<see cref="LeakGroup.Descendants"/>).</summary>
    public IReadOnlyList<LeakGroup> Groups { get; }

    /// <summary>
    /// Leak-shaped resources per group in one snapshot (unreleased and stuck releases): what a live inspector samples
    /// over time to find groups that keep growing. Only the <paramref name="top"/> largest groups are kept.
    /// </summary>
    public static Dictionary<LeakGroupKey, int> GroupCounts(SnapshotIndex index, int top = 4096)
    {
        var counts = new Dictionary<LeakGroupKey, int>();
        foreach ((int _, LeakGroupKey key) in Members(index, new BlockerAnalysis(index)))
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts.Count <= top ? counts : counts.OrderByDescending(c => c.Value).Take(top).ToDictionary();
    }

    /// <summary>The most owner labels a group key holds: the nearest ones, so a crafted million-deep chain costs
    /// bounded work per record.</summary>
    public const int MaxOwnerLabels = 16;

    /// <summary>Every record of a leak shape, with its group.</summary>
    private static IEnumerable<(int Index, LeakGroupKey Key)> Members(SnapshotIndex index, BlockerAnalysis blocked)
    {
        var ownerPaths = new Dictionary<int, string>();
        for (int i = 0; i < index.Count; i++)
        {
            bool unreleased = IsUnreleased(index.Records[i]);
            if (unreleased || blocked.CauseOf(i) != BlockReason.Ready)
            {
                string? name = index.Records[i].Name is { } n ? FoldDigits(n) : null;
                yield return (i, new LeakGroupKey(index.Records[i].Kind, name, OwnerPath(index, index.Parent[i], ownerPaths), !unreleased));
            }
        }
    }

    private static LeakGroup GroupOf(Dictionary<LeakGroupKey, LeakGroup> groups, LeakGroupKey key)
    {
        if (!groups.TryGetValue(key, out LeakGroup? group))
        {
            group = new LeakGroup(key);
            groups.Add(key, group);
        }

        return group;
    }

    private static LeakGroup? Enclosing(LeakGroup group, Dictionary<int, LeakGroupKey> keyOf, Dictionary<LeakGroupKey, LeakGroup> groups)
    {
        int parent = group.ParentOfExample;
        return parent >= 0 && keyOf.TryGetValue(parent, out LeakGroupKey key) && key.IsStuckRelease == group.IsStuckRelease
            && groups.TryGetValue(key, out LeakGroup? outer) && outer.Growth > 0 && outer != group ? outer : null;
    }

    internal static bool IsUnreleased(in Engine.Resources.Snapshots.SnapshotRecord record) =>
        record.State == ResourceState.Alive && record.Requested is null;

    /// <summary>Owner labels root first (the nearest <see cref="MaxOwnerLabels"/>), digits folded, no handles (they
    /// differ between files), escaped for output; memoized per parent, since siblings share it.</summary>
    private static string OwnerPath(SnapshotIndex index, int parent, Dictionary<int, string> memo)
    {
        if (parent < 0)
        {
            return string.Empty;
        }

        if (memo.TryGetValue(parent, out string? known))
        {
            return known;
        }

        var labels = new List<string>();
        int p = parent;
        for (; p >= 0 && labels.Count < MaxOwnerLabels; p = index.Parent[p])
        {
            var record = index.Records[p];
            string kind = ResourceLabels.Text(record.Kind);
            labels.Add(record.Name is null ? kind : $"{kind} {ResourceLabels.Quote(FoldDigits(record.Name))}");
        }

        labels.Reverse();
        string path = (p >= 0 ? "… / " : string.Empty) + string.Join(" / ", labels);
        memo[parent] = path;
        return path;
    }

    /// <summary>"staging 1234" → "staging #": how names group, here and in <c>resdump blocked</c>.</summary>
    public static string FoldDigits(string name) => Digits.Replace(name, "#");
}

/// <summary>A group of resources: kind, name with digit runs folded into <c>#</c> (null when unnamed), owner labels
/// from the root (escaped), and its shape: unreleased, or released but stuck.</summary>
public readonly record struct LeakGroupKey(string Kind, string? Name, string OwnerPath, bool IsStuckRelease = false);
