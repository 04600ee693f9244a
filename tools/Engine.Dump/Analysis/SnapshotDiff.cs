using Engine.Analysis;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Analysis;

/// <summary>
/// What changed between two snapshots, matched by handle and identity: a slot reused with a new version is a removal
/// plus an addition, exactly as the registry sees it, and so is one handle that names a resource of another kind in the
/// other file (not the same resource). A matched resource counts as changed when its state, its name or its parent
/// differs (a move is a parent change).
/// </summary>
public sealed class SnapshotDiff
{
    public SnapshotDiff(SnapshotIndex before, SnapshotIndex after)
    {
        Before = before;
        After = after;
        var kinds = new Dictionary<string, KindDiff>(StringComparer.Ordinal);
        KindDiff For(string kind)
        {
            if (!kinds.TryGetValue(kind, out KindDiff? diff))
            {
                diff = new KindDiff(kind);
                kinds.Add(kind, diff);
            }

            return diff;
        }

        var added = new List<int>();
        var changed = new List<(int, int)>();
        foreach (int i in after.SortedByHandle)
        {
            SnapshotRecord record = after.Records[i];
            if (!before.ByHandle.TryGetValue(record.Handle, out int old) || !SameIdentity(before.Records[old], record))
            {
                added.Add(i);
                For(record.Kind).Added++;
            }
            else if (ChangesOf(before.Records[old], record) != DiffChange.None)
            {
                changed.Add((old, i));
                For(record.Kind).Changed++;
            }
        }

        var removed = new List<int>();
        foreach (int i in before.SortedByHandle)
        {
            SnapshotRecord record = before.Records[i];
            if (!after.ByHandle.TryGetValue(record.Handle, out int now) || !SameIdentity(record, after.Records[now]))
            {
                removed.Add(i);
                For(record.Kind).Removed++;
            }
        }

        Added = added;
        Removed = removed;
        Changed = changed;
        // What grew most comes first: that is where a leak shows.
        Kinds = [.. kinds.Values.OrderByDescending(k => k.Net).ThenByDescending(k => k.Added + k.Removed + k.Changed).ThenBy(k => k.Kind, StringComparer.Ordinal)];
    }

    public SnapshotIndex Before { get; }

    public SnapshotIndex After { get; }

    /// <summary>Record indexes into <see cref="After"/>.</summary>
    public IReadOnlyList<int> Added { get; }

    /// <summary>Record indexes into <see cref="Before"/>.</summary>
    public IReadOnlyList<int> Removed { get; }

    /// <summary>Pairs of record indexes (before, after) whose state differs.</summary>
    public IReadOnlyList<(int Before, int After)> Changed { get; }

    public IReadOnlyList<KindDiff> Kinds { get; }

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    /// <summary>One resource in both files: same handle, same kind and payload type.</summary>
    public static bool SameIdentity(in SnapshotRecord before, in SnapshotRecord after) =>
        before.Kind == after.Kind && before.PayloadType == after.PayloadType;

    public static DiffChange ChangesOf(in SnapshotRecord before, in SnapshotRecord after) =>
        (before.State != after.State ? DiffChange.State : DiffChange.None)
        | (before.Name != after.Name ? DiffChange.Name : DiffChange.None)
        | (before.Parent != after.Parent ? DiffChange.Parent : DiffChange.None);
}

/// <summary>What differs for a resource present in both snapshots.</summary>
[Flags]
public enum DiffChange
{
    None = 0,
    State = 1,
    Name = 2,
    Parent = 4,
}
