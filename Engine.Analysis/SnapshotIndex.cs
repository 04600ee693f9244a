using Engine.Resources.Snapshots;

namespace Engine.Analysis;

/// <summary>
/// Navigable view of a snapshot: handle lookup, parent and children by record index, depths and subtree
/// sizes. Built in O(n log n) with flat arrays so a million records index in well under a second.
/// Tolerates broken input (missing parents, cycles, duplicates) so the tool can still show it.
/// </summary>
public sealed class SnapshotIndex
{
    private readonly int[] _childStart;
    private readonly int[] _children;

    public SnapshotIndex(ResourceSnapshot snapshot)
    {
        Snapshot = snapshot;
        IReadOnlyList<SnapshotRecord> records = snapshot.Records;
        int n = records.Count;

        ByHandle = new Dictionary<SnapshotHandle, int>(n);
        var duplicates = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (!ByHandle.TryAdd(records[i].Handle, i))
            {
                duplicates.Add(i);
            }
        }

        Duplicates = duplicates;

        // Visit records by id so children and roots come out sorted without per-list sorting.
        var ids = new long[n];
        var byId = new int[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = ((long)records[i].Handle.Id << 32) | (uint)records[i].Handle.Version;
            byId[i] = i;
        }

        Array.Sort(ids, byId);

        Parent = new int[n];
        _childStart = new int[n + 1];
        var roots = new List<int>();
        var missing = new List<int>();
        for (int i = 0; i < n; i++)
        {
            Parent[i] = -1;
            if (records[i].Parent is { } p)
            {
                if (ByHandle.TryGetValue(p, out int parent))
                {
                    Parent[i] = parent;
                    _childStart[parent + 1]++;
                }
                else
                {
                    missing.Add(i);
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            _childStart[i + 1] += _childStart[i];
        }

        _children = new int[_childStart[n]];
        var fill = new int[n];
        foreach (int i in byId)
        {
            int parent = Parent[i];
            if (parent >= 0)
            {
                _children[_childStart[parent] + fill[parent]++] = i;
            }
            else
            {
                roots.Add(i);
            }
        }

        Roots = roots;
        MissingParent = missing;
        SortedByHandle = byId;
        (Depth, SubtreeSize, MaxDepth, Unreachable) = Measure(n, roots);

        var dependsOn = new Dictionary<int, List<int>>();
        var dependents = new Dictionary<int, List<int>>();
        var missingDependencies = new List<SnapshotDependency>();
        foreach (SnapshotDependency edge in snapshot.Dependencies)
        {
            if (!ByHandle.TryGetValue(edge.Dependent, out int from) || !ByHandle.TryGetValue(edge.Dependency, out int to))
            {
                missingDependencies.Add(edge);
                continue;
            }

            (dependsOn.TryGetValue(from, out List<int>? list) ? list : dependsOn[from] = []).Add(to);
            (dependents.TryGetValue(to, out List<int>? back) ? back : dependents[to] = []).Add(from);
        }

        _dependsOn = dependsOn;
        _dependents = dependents;
        MissingDependencies = missingDependencies;
    }

    private readonly Dictionary<int, List<int>> _dependsOn;
    private readonly Dictionary<int, List<int>> _dependents;

    /// <summary>Records a record depends on (dependency edges whose both ends are in the file).</summary>
    public IReadOnlyList<int> DependsOn(int index) => _dependsOn.TryGetValue(index, out List<int>? list) ? list : [];

    /// <summary>Records that depend on a record.</summary>
    public IReadOnlyList<int> DependentsOf(int index) => _dependents.TryGetValue(index, out List<int>? list) ? list : [];

    /// <summary>Dependency edges naming a handle the file does not hold.</summary>
    public IReadOnlyList<SnapshotDependency> MissingDependencies { get; }

    public ResourceSnapshot Snapshot { get; }

    public IReadOnlyList<SnapshotRecord> Records => Snapshot.Records;

    public int Count => Snapshot.Records.Count;

    public Dictionary<SnapshotHandle, int> ByHandle { get; }

    /// <summary>Record index of each record's parent; -1 for roots and for records whose parent is missing.</summary>
    public int[] Parent { get; }

    /// <summary>Records without a parent in the snapshot (true roots and orphans), sorted by handle.</summary>
    public IReadOnlyList<int> Roots { get; }

    /// <summary>Records whose parent handle is not in the snapshot.</summary>
    public IReadOnlyList<int> MissingParent { get; }

    /// <summary>Records repeating a handle already seen.</summary>
    public IReadOnlyList<int> Duplicates { get; }

    /// <summary>Records not reachable from any root: members of a parent cycle or below one.</summary>
    public IReadOnlyList<int> Unreachable { get; }

    /// <summary>All record indexes ordered by handle.</summary>
    public int[] SortedByHandle { get; }

    /// <summary>Distance from the root (roots are 0); -1 when unreachable.</summary>
    public int[] Depth { get; }

    /// <summary>Records in the subtree including the record itself; 0 when unreachable.</summary>
    public int[] SubtreeSize { get; }

    public int MaxDepth { get; }

    public ReadOnlySpan<int> ChildrenOf(int index) => _children.AsSpan(_childStart[index], _childStart[index + 1] - _childStart[index]);

    public int ChildCount(int index) => _childStart[index + 1] - _childStart[index];

    private (int[] Depth, int[] Size, int MaxDepth, IReadOnlyList<int> Unreachable) Measure(int n, List<int> roots)
    {
        var depth = new int[n];
        Array.Fill(depth, -1);
        var size = new int[n];
        var order = new int[n];
        int count = 0;
        int maxDepth = 0;
        foreach (int root in roots)
        {
            depth[root] = 0;
            order[count++] = root;
        }

        // Breadth-first: iterative, so a degenerate chain a million deep cannot overflow the stack.
        for (int head = 0; head < count; head++)
        {
            int node = order[head];
            foreach (int child in ChildrenOf(node))
            {
                depth[child] = depth[node] + 1;
                maxDepth = Math.Max(maxDepth, depth[child]);
                order[count++] = child;
            }
        }

        for (int k = count - 1; k >= 0; k--)
        {
            int node = order[k];
            size[node]++;
            if (Parent[node] >= 0)
            {
                size[Parent[node]] += size[node];
            }
        }

        var unreachable = new List<int>();
        foreach (int i in SortedByHandle)
        {
            if (depth[i] < 0)
            {
                unreachable.Add(i);
            }
        }

        return (depth, size, maxDepth, unreachable);
    }
}
