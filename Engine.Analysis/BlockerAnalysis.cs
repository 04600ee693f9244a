using System.Globalization;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Analysis;

/// <summary>Finds pending resources that cannot be destroyed yet and classifies what holds them.</summary>
public sealed class BlockerAnalysis
{
    public BlockerAnalysis(SnapshotIndex index)
    {
        Index = index;
        var heads = new List<int>();
        int pending = 0;
        int stuck = 0;
        foreach (int i in index.SortedByHandle)
        {
            SnapshotRecord record = index.Records[i];
            if (record.State == ResourceState.Alive)
            {
                continue;
            }

            pending++;
            if (CauseOf(i) == BlockReason.Ready)
            {
                continue;
            }

            stuck++;
            int parent = index.Parent[i];
            // A chain is shown from its topmost stuck resource; the ones below appear inside it.
            if (parent < 0 || index.Records[parent].State == ResourceState.Alive)
            {
                heads.Add(i);
            }
        }

        Heads = heads;
        PendingCount = pending;
        StuckCount = stuck;
    }

    public SnapshotIndex Index { get; }

    /// <summary>Topmost stuck resources (their parent is alive or absent), by handle.</summary>
    public IReadOnlyList<int> Heads { get; }

    /// <summary>Resources in any non-alive state.</summary>
    public int PendingCount { get; }

    /// <summary>Pending resources that cannot be destroyed at the next update.</summary>
    public int StuckCount { get; }

    /// <summary>Why record <paramref name="i"/> is where it is: the registry's own classifier, fed from the file.</summary>
    public BlockReason CauseOf(int i)
    {
        SnapshotRecord record = Index.Records[i];
        // Requested but not yet acted on (queued by another thread at capture time): pending, as the registry reads it.
        ResourceState state = record.State == ResourceState.Alive && record.Requested is not null ? ResourceState.Pending : record.State;
        return BlockReasons.Classify(state, record.IsExplicitRelease, Index.ChildCount(i) > 0, Index.DependentsOf(i).Count > 0,
            underRequestedCascade: ParentRequestedCascade(i));
    }

    private bool ParentRequestedCascade(int i)
    {
        int parent = Index.Parent[i];
        return parent >= 0 && Index.Records[parent].Requested == DestroyMode.Cascade;
    }

    /// <summary>Counts the root causes under the heads.</summary>
    public Dictionary<BlockReason, int> RootCauses()
    {
        var counts = new Dictionary<BlockReason, int>();
        foreach ((int _, BlockReason cause) in RootCauseResources(Heads))
        {
            counts[cause] = counts.GetValueOrDefault(cause) + 1;
        }

        return counts;
    }

    /// <summary>
    /// The resources at the bottom of the chains below <paramref name="from"/>: what must be released, waited for or
    /// fixed before those resources can go. The same walk as the registry's <see cref="ResourceRegistry.GetBlockers"/>:
    /// every resource that depends on a visited one is a <see cref="BlockReason.Dependent"/> blocker, children held by
    /// their own are entered, the first root cause on each path ends it.
    /// </summary>
    public List<(int Index, BlockReason Cause)> RootCauseResources(IEnumerable<int> from)
    {
        var found = new List<(int, BlockReason)>();
        var stack = new Stack<(int Node, bool IsStart)>(from.Select(i => (i, true)));
        var seen = new HashSet<int>(); // a crafted file may hold parent cycles: visit each record once
        while (stack.Count > 0)
        {
            (int node, bool isStart) = stack.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            foreach (int dependent in Index.DependentsOf(node))
            {
                found.Add((dependent, BlockReason.Dependent));
            }

            BlockReason cause = CauseOf(node);
            if (cause == BlockReason.HeldByChildren || (isStart && cause is BlockReason.LiveChild or BlockReason.ExplicitRelease))
            {
                foreach (int child in Index.ChildrenOf(node))
                {
                    stack.Push((child, false));
                }
            }
            else if (BlockReasons.IsRootCause(cause))
            {
                found.Add((node, cause));
            }
        }

        return found;
    }

    /// <summary>
    /// The heads grouped by what their chains look like: same kind, name (digits folded), state and reason, held by
    /// the same kinds of root causes. Eighteen frame scopes each held by its own fence read as one group of 18, not 18
    /// chains. Groups keep the order of their first head.
    /// </summary>
    public List<List<int>> HeadGroups()
    {
        var groups = new Dictionary<string, List<int>>();
        var order = new List<List<int>>();
        foreach (int head in Heads)
        {
            SnapshotRecord record = Index.Records[head];
            IEnumerable<string> causes = RootCauseResources([head])
                .Select(c => $"{BlockReasons.Token(c.Cause)} {Index.Records[c.Index].Kind} {FoldedName(Index.Records[c.Index])}")
                .Distinct().Order(StringComparer.Ordinal);
            string signature = string.Join("\n", causes.Prepend($"{record.Kind} {FoldedName(record)} {record.State} {CauseOf(head)}"));
            if (!groups.TryGetValue(signature, out List<int>? members))
            {
                members = [];
                groups.Add(signature, members);
                order.Add(members);
            }

            members.Add(head);
        }

        return order;
    }

    private static string? FoldedName(in SnapshotRecord record) => record.Name is { } name ? LeakAnalysis.FoldDigits(name) : null;

    /// <summary>Why a resource of a chain is where it is, in words, with what the file says about it (untrusted text
    /// escaped).</summary>
    public string Explain(int node) => Explain(node, CauseOf(node));

    /// <summary>As <see cref="Explain(int)"/>, for a resource found as <paramref name="cause"/> (a dependent is one
    /// whatever its own state).</summary>
    public string Explain(int node, BlockReason cause)
    {
        SnapshotRecord record = Index.Records[node];
        string words = BlockReasons.Explain(cause);
        return cause switch
        {
            BlockReason.GpuInFlight => $"{words} (last use at timeline value {record.LastGpuUse})",
            BlockReason.Faulted => $"{words}: {(record.FaultMessage is { } fault ? ResourceLabels.Text(fault) : "(no message)")}",
            BlockReason.HeldByChildren => Index.ChildCount(node) == 1 ? "held by 1 child" : $"held by {Index.ChildCount(node).ToString("N0", CultureInfo.InvariantCulture)} children",
            BlockReason.HeldByDependents => $"{words}: {string.Join(", ", Index.DependentsOf(node).Take(3).Select(d => Identity(Index.Records[d])))}",
            _ => words,
        };
    }

    /// <summary><c>Buffer "vertices" #12v1</c>: the registry's own label formatter.</summary>
    public static string Identity(in SnapshotRecord record) =>
        ResourceLabels.Format(record.Kind, record.Name, record.Handle.Id, record.Handle.Version);
}
