using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Analysis;

/// <summary>One growing group of <see cref="LeakAnalysis"/>: how it grew, what it holds below it, and what it blocks
/// (unreleased) or what pins it (stuck release).</summary>
public sealed class LeakGroup(LeakGroupKey key)
{
    private readonly List<int> _members = [];
    private readonly List<long> _frames = [];
    private readonly List<LeakGroup> _descendants = [];

    public LeakGroupKey Key { get; } = key;

    public string Kind => Key.Kind;

    /// <summary>The name with digit runs folded into <c>#</c>; null for unnamed resources.</summary>
    public string? Name => Key.Name;

    /// <summary>Owner labels from the root, digits folded, escaped; empty for roots.</summary>
    public string OwnerPath => Key.OwnerPath;

    /// <summary>Released, but kept from destruction by something (see <see cref="PinnedBy"/>).</summary>
    public bool IsStuckRelease => Key.IsStuckRelease;

    public int CountBefore { get; set; }

    public int CountAfter => _members.Count;

    public int Growth => CountAfter - CountBefore;

    /// <summary>One member of the newer file, as written (the name before folding).</summary>
    public SnapshotRecord Example { get; private set; }

    /// <summary>Record index of <see cref="Example"/>'s parent in the newer file, or -1.</summary>
    internal int ParentOfExample { get; private set; } = -1;

    public long FirstCreationFrame { get; private set; }

    public long LastCreationFrame { get; private set; }

    /// <summary>Median frames between consecutive creations in the newer file; null with one member.</summary>
    public long? Period { get; private set; }

    /// <summary>Sum of the declared sizes in the newer file, descendants included.</summary>
    public Int128 Bytes { get; private set; }

    /// <summary>Growing groups whose members sit under this group's members: one mistake, shown as one group.</summary>
    public IReadOnlyList<LeakGroup> Descendants => _descendants;

    /// <summary>Resources of <see cref="Descendants"/> in the newer file.</summary>
    public int DescendantCount => _descendants.Sum(d => d.CountAfter);

    /// <summary>A released resource the group keeps alive (record index in the newer file), through a child or a
    /// dependency edge; -1 when it blocks nothing.</summary>
    public int Blocks { get; private set; } = -1;

    /// <summary>How many members (descendants included) keep a released resource alive.</summary>
    public int BlockingMembers { get; private set; }

    /// <summary>For a stuck release: the resource at the bottom of its chain that most members wait for (record index
    /// in the newer file), or -1.</summary>
    public int PinnedBy { get; private set; } = -1;

    /// <summary>Why <see cref="PinnedBy"/> holds the group (a root cause).</summary>
    public BlockReason PinCause { get; private set; }

    /// <summary>How many members wait for a resource like <see cref="PinnedBy"/> (same kind and folded name, same cause).</summary>
    public int PinnedMembers { get; private set; }

    internal void AddAfter(int index, int parent, in SnapshotRecord record)
    {
        _members.Add(index);
        _frames.Add(record.CreationFrame);
        Example = record;
        ParentOfExample = parent;
        Bytes += record.SizeBytes ?? 0;
    }

    internal void AddDescendants(LeakGroup group)
    {
        _descendants.Add(group);
        Bytes += group.Bytes;
    }

    internal void Finish()
    {
        if (_members.Count == 0)
        {
            return;
        }

        long[] frames = [.. _frames];
        Array.Sort(frames);
        FirstCreationFrame = frames[0];
        LastCreationFrame = frames[^1];
        if (frames.Length > 1)
        {
            var gaps = new long[frames.Length - 1];
            for (int i = 1; i < frames.Length; i++)
            {
                gaps[i - 1] = frames[i] - frames[i - 1];
            }

            Array.Sort(gaps);
            Period = gaps[gaps.Length / 2];
        }
    }

    /// <summary>What the group blocks, or what pins it, from the newer file.</summary>
    internal void Explain(SnapshotIndex after, BlockerAnalysis blocked)
    {
        IEnumerable<int> members = _members.Concat(AllDescendants().SelectMany(d => d._members));
        if (!IsStuckRelease)
        {
            foreach (int member in members)
            {
                int held = HeldByMember(after, member);
                if (held >= 0)
                {
                    BlockingMembers++;
                    Blocks = Blocks < 0 ? held : Blocks;
                }
            }

            return;
        }

        // The most common bottom of the members' chains; bounded: the first members tell the story of a group that
        // grew by the same mistake each time.
        var pins = new Dictionary<(BlockReason, string, string?), (int Example, int Count)>();
        foreach (int member in _members.Take(MaxExplained))
        {
            var seen = new HashSet<(BlockReason, string, string?)>();
            foreach ((int node, BlockReason cause) in blocked.RootCauseResources([member]))
            {
                SnapshotRecord record = after.Records[node];
                var pin = (cause, record.Kind, record.Name is { } name ? LeakAnalysis.FoldDigits(name) : null);
                if (seen.Add(pin))
                {
                    pins[pin] = pins.TryGetValue(pin, out var known) ? (known.Example, known.Count + 1) : (node, 1);
                }
            }
        }

        if (pins.Count > 0)
        {
            var best = pins.MaxBy(p => p.Value.Count);
            (PinnedBy, PinnedMembers, PinCause) = (best.Value.Example, best.Value.Count, best.Key.Item1);
        }
    }

    /// <summary>The most members whose chains <see cref="Explain"/> follows.</summary>
    public const int MaxExplained = 1024;

    private IEnumerable<LeakGroup> AllDescendants() => _descendants.SelectMany(d => d.AllDescendants().Prepend(d));

    /// <summary>A released resource the member keeps: its nearest released ancestor, or a released resource it
    /// depends on; -1 when none.</summary>
    private static int HeldByMember(SnapshotIndex index, int member)
    {
        int steps = 0;
        for (int p = index.Parent[member]; p >= 0 && steps < index.Count; p = index.Parent[p], steps++)
        {
            if (!LeakAnalysis.IsUnreleased(index.Records[p]))
            {
                return p;
            }
        }

        foreach (int dependency in index.DependsOn(member))
        {
            if (!LeakAnalysis.IsUnreleased(index.Records[dependency]))
            {
                return dependency;
            }
        }

        return -1;
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
