using System.Text.RegularExpressions;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Analysis;

/// <summary>
/// Growth between two snapshots of one engine, grouped by (kind, name, owner path): what nobody released and keeps
/// piling up. A resource counts while it is alive and nobody requested its destruction, in either file, so an old leak
/// is still a leak; released resources (pending, blocked, waiting, faulted) do not count. Digits in names are folded
/// into <c>#</c> ("staging 1234" and "staging 1240" are one group), which is also what keeps healthy churn out: a
/// per-frame scope and its transients exist once in each file under a different frame number, so they do not grow.
/// </summary>
public sealed class LeakAnalysis
{
    private static readonly Regex Digits = new("[0-9]+", RegexOptions.CultureInvariant);

    public LeakAnalysis(SnapshotIndex before, SnapshotIndex after)
    {
        Before = before;
        After = after;
        var groups = new Dictionary<(string, string, string), LeakGroup>();
        Count(before, groups, isAfter: false);
        Count(after, groups, isAfter: true);
        Groups = [.. groups.Values.Where(g => g.Growth > 0)
            .OrderByDescending(g => g.Growth).ThenByDescending(g => g.CountAfter).ThenBy(g => g.Kind, StringComparer.Ordinal).ThenBy(g => g.Name, StringComparer.Ordinal)];
        foreach (LeakGroup group in Groups)
        {
            group.Finish();
        }
    }

    public SnapshotIndex Before { get; }

    public SnapshotIndex After { get; }

    /// <summary>Groups that grew, largest growth first.</summary>
    public IReadOnlyList<LeakGroup> Groups { get; }

    /// <summary>
    /// Unreleased resources per (kind, folded name, owner path) in one snapshot: what a live inspector samples over
    /// time to find groups that keep growing. Only the <paramref name="top"/> largest groups are kept.
    /// </summary>
    public static Dictionary<LeakGroupKey, int> GroupCounts(SnapshotIndex index, int top = 4096)
    {
        var counts = new Dictionary<LeakGroupKey, int>();
        var ownerPaths = new Dictionary<int, string>();
        for (int i = 0; i < index.Count; i++)
        {
            SnapshotRecord record = index.Records[i];
            if (IsUnreleased(record))
            {
                var key = new LeakGroupKey(record.Kind, record.Name is null ? null : Fold(record.Name), OwnerPath(index, index.Parent[i], ownerPaths));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.Count <= top ? counts : counts.OrderByDescending(c => c.Value).Take(top).ToDictionary();
    }

    private static void Count(SnapshotIndex index, Dictionary<(string, string, string), LeakGroup> groups, bool isAfter)
    {
        var ownerPaths = new Dictionary<int, string>();
        for (int i = 0; i < index.Count; i++)
        {
            SnapshotRecord record = index.Records[i];
            if (!IsUnreleased(record))
            {
                continue;
            }

            string name = record.Name is null ? string.Empty : Fold(record.Name);
            string owner = OwnerPath(index, index.Parent[i], ownerPaths);
            var key = (record.Kind, name, owner);
            if (!groups.TryGetValue(key, out LeakGroup? group))
            {
                group = new LeakGroup(record.Kind, record.Name is null ? null : name, owner);
                groups.Add(key, group);
            }

            if (isAfter)
            {
                group.AddAfter(record, BlockedAncestor(index, i));
            }
            else
            {
                group.CountBefore++;
            }
        }
    }

    private static bool IsUnreleased(in SnapshotRecord record) =>
        record.State == SnapshotState.Alive && record.Requested == SnapshotRequest.None;

    /// <summary>The nearest ancestor whose destruction was requested: the leak keeps it from being destroyed.</summary>
    private static int BlockedAncestor(SnapshotIndex index, int i)
    {
        int steps = 0;
        for (int p = index.Parent[i]; p >= 0 && steps < index.Count; p = index.Parent[p], steps++)
        {
            SnapshotRecord record = index.Records[p];
            if (record.State != SnapshotState.Alive || record.Requested != SnapshotRequest.None)
            {
                return p;
            }
        }

        return -1;
    }

    /// <summary>The most owner labels a group key holds: the nearest ones, so a crafted million-deep chain costs
    /// bounded work per record.</summary>
    public const int MaxOwnerLabels = 16;

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
            SnapshotRecord record = index.Records[p];
            string kind = ResourceLabels.Text(record.Kind);
            labels.Add(record.Name is null ? kind : $"{kind} {ResourceLabels.Quote(Fold(record.Name))}");
        }

        labels.Reverse();
        string path = (p >= 0 ? "… / " : string.Empty) + string.Join(" / ", labels);
        memo[parent] = path;
        return path;
    }

    private static string Fold(string name) => Digits.Replace(name, "#");
}

/// <summary>A group of resources: kind, name with digit runs folded into <c>#</c> (null when unnamed) and owner labels
/// from the root (escaped).</summary>
public readonly record struct LeakGroupKey(string Kind, string? Name, string OwnerPath);

/// <summary>One (kind, name, owner path) group and how it grew.</summary>
public sealed class LeakGroup(string kind, string? name, string ownerPath)
{
    private readonly List<long> _frames = [];

    public string Kind { get; } = kind;

    /// <summary>The name with digit runs folded into <c>#</c>; null for unnamed resources.</summary>
    public string? Name { get; } = name;

    /// <summary>Owner labels from the root, digits folded, escaped; empty for roots.</summary>
    public string OwnerPath { get; } = ownerPath;

    public int CountBefore { get; set; }

    public int CountAfter { get; private set; }

    public int Growth => CountAfter - CountBefore;

    /// <summary>One member of the newer file, as written (the name before folding).</summary>
    public SnapshotRecord Example { get; private set; }

    public long FirstCreationFrame { get; private set; }

    public long LastCreationFrame { get; private set; }

    /// <summary>Median frames between consecutive creations in the newer file; null with one member.</summary>
    public long? Period { get; private set; }

    /// <summary>Sum of the declared sizes in the newer file.</summary>
    public Int128 Bytes { get; private set; }

    /// <summary>A released ancestor the group keeps alive (record index in the newer file), or -1.</summary>
    public int Blocks { get; private set; } = -1;

    /// <summary>How many members keep a released ancestor alive.</summary>
    public int BlockingMembers { get; private set; }

    internal void AddAfter(in SnapshotRecord record, int blockedAncestor)
    {
        CountAfter++;
        Example = record;
        _frames.Add(record.CreationFrame);
        Bytes += record.SizeBytes ?? 0;
        if (blockedAncestor >= 0)
        {
            BlockingMembers++;
            Blocks = Blocks < 0 ? blockedAncestor : Blocks;
        }
    }

    internal void Finish()
    {
        _frames.Sort();
        FirstCreationFrame = _frames.Count > 0 ? _frames[0] : 0;
        LastCreationFrame = _frames.Count > 0 ? _frames[^1] : 0;
        if (_frames.Count > 1)
        {
            var gaps = new long[_frames.Count - 1];
            for (int i = 1; i < _frames.Count; i++)
            {
                gaps[i - 1] = _frames[i] - _frames[i - 1];
            }

            Array.Sort(gaps);
            Period = gaps[gaps.Length / 2];
        }
    }

    /// <summary><c>Buffer "staging #"</c> (escaped).</summary>
    public string Label => Name is null ? ResourceLabels.Text(Kind) : $"{ResourceLabels.Text(Kind)} {ResourceLabels.Quote(Name)}";

    /// <summary>"every frame", "every 10 frames", "once".</summary>
    public string Rhythm => Period switch
    {
        null => "once",
        0 => "several per frame",
        1 => "every frame",
        { } p => $"every {p:N0} frames",
    };
}
