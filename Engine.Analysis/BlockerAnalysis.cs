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
            if (record.State == SnapshotState.Alive)
            {
                continue;
            }

            pending++;
            if (CauseOf(i) == BlockCause.Ready)
            {
                continue;
            }

            stuck++;
            int parent = index.Parent[i];
            // A chain is shown from its topmost stuck resource; the ones below appear inside it.
            if (parent < 0 || index.Records[parent].State == SnapshotState.Alive)
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

    public BlockCause CauseOf(int i)
    {
        SnapshotRecord record = Index.Records[i];
        return record.State switch
        {
            SnapshotState.Alive when record.IsExplicitRelease => BlockCause.ExplicitRelease,
            // Under a cascade requested by another thread and not yet applied: the next update takes it.
            SnapshotState.Alive when ParentRequestedCascade(i) => BlockCause.Ready,
            SnapshotState.Alive => BlockCause.LiveChild,
            SnapshotState.Faulted => BlockCause.Faulted,
            _ when Index.ChildCount(i) > 0 => BlockCause.HeldByChildren,
            _ when Index.DependentsOf(i).Count > 0 => BlockCause.HeldByDependents,
            SnapshotState.WaitingForGpu => BlockCause.GpuInFlight,
            _ => BlockCause.Ready,
        };
    }

    private bool ParentRequestedCascade(int i)
    {
        int parent = Index.Parent[i];
        return parent >= 0 && Index.Records[parent].Requested == SnapshotRequest.Cascade;
    }

    /// <summary>Counts the root causes (everything but <see cref="BlockCause.HeldByChildren"/>) under the heads.</summary>
    public Dictionary<BlockCause, int> RootCauses()
    {
        var counts = new Dictionary<BlockCause, int>();
        foreach ((int _, BlockCause cause) in RootCauseResources(Heads))
        {
            counts[cause] = counts.GetValueOrDefault(cause) + 1;
        }

        return counts;
    }

    /// <summary>
    /// The resources at the bottom of the chains below <paramref name="from"/>: what must be released,
    /// waited for or fixed before those resources can go (the registry's GetBlockers, from a snapshot).
    /// </summary>
    public List<(int Index, BlockCause Cause)> RootCauseResources(IEnumerable<int> from)
    {
        var found = new List<(int, BlockCause)>();
        var stack = new Stack<(int Node, bool IsStart)>(from.Select(i => (i, true)));
        var seen = new bool[Index.Count]; // a crafted file may hold parent cycles: visit each record once
        while (stack.Count > 0)
        {
            (int node, bool isStart) = stack.Pop();
            if (seen[node])
            {
                continue;
            }

            seen[node] = true;
            BlockCause cause = CauseOf(node);
            if (cause == BlockCause.HeldByChildren || (isStart && cause is BlockCause.LiveChild or BlockCause.ExplicitRelease))
            {
                foreach (int child in Index.ChildrenOf(node))
                {
                    stack.Push((child, false));
                }

                continue;
            }

            if (cause == BlockCause.HeldByDependents)
            {
                foreach (int dependent in Index.DependentsOf(node))
                {
                    found.Add((dependent, BlockCause.Dependent));
                }

                continue;
            }

            if (cause != BlockCause.Ready)
            {
                found.Add((node, cause));
            }
        }

        return found;
    }

    /// <summary>Why a resource of a chain is where it is, in words (untrusted text from the file escaped).</summary>
    public string Explain(int node)
    {
        SnapshotRecord record = Index.Records[node];
        return CauseOf(node) switch
        {
            BlockCause.LiveChild => "live child: its owner has not released it",
            BlockCause.ExplicitRelease => "explicit release: a cascade never destroys it; release it explicitly",
            BlockCause.GpuInFlight => $"waits for GPU work to complete (last use at timeline value {record.LastGpuUse})",
            BlockCause.Faulted => $"destroy callback failed: {(record.FaultMessage is { } fault ? ResourceLabels.Text(fault) : "(no message)")}",
            BlockCause.HeldByChildren => Index.ChildCount(node) == 1 ? "held by 1 child" : $"held by {Index.ChildCount(node).ToString("N0", CultureInfo.InvariantCulture)} children",
            BlockCause.HeldByDependents => $"held by what depends on it: {string.Join(", ", Index.DependentsOf(node).Take(3).Select(d => Identity(Index.Records[d])))}",
            BlockCause.Dependent => "depends on a pending resource: destroyed first, by its own owner",
            _ => "destroyed at the next update",
        };
    }

    /// <summary><c>Buffer "vertices" #12v1</c>: the registry's own label formatter.</summary>
    public static string Identity(in SnapshotRecord record) =>
        ResourceLabels.Format(record.Kind, record.Name, record.Handle.Id, record.Handle.Version);
}
