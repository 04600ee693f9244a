using Engine.Resources.Snapshots;

namespace Engine.Dump.Analysis;

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
            SnapshotState.Alive => record.IsExplicitRelease ? BlockCause.ExplicitRelease : BlockCause.LiveChild,
            SnapshotState.Faulted => BlockCause.Faulted,
            _ when Index.ChildCount(i) > 0 => BlockCause.HeldByChildren,
            SnapshotState.WaitingForGpu => BlockCause.GpuInFlight,
            _ => BlockCause.Ready,
        };
    }

    /// <summary>Counts the root causes (everything but <see cref="BlockCause.HeldByChildren"/>) under the heads.</summary>
    public Dictionary<BlockCause, int> RootCauses()
    {
        var counts = new Dictionary<BlockCause, int>();
        var stack = new Stack<int>(Heads);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            BlockCause cause = CauseOf(node);
            if (cause == BlockCause.HeldByChildren)
            {
                foreach (int child in Index.ChildrenOf(node))
                {
                    stack.Push(child);
                }

                continue;
            }

            if (cause != BlockCause.Ready)
            {
                counts[cause] = counts.GetValueOrDefault(cause) + 1;
            }
        }

        return counts;
    }
}
