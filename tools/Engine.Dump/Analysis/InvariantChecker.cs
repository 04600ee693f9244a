using Engine.Resources;
using Engine.Analysis;
using Engine.Resources.Snapshots;
using Engine.Dump.Rendering;

namespace Engine.Dump.Analysis;

/// <summary>
/// Checks the forest invariants the registry promises: unique handles, existing parents, no cycles, placements in a
/// container the resource depends on and that holds them, and states that agree with the children (a blocked resource has children holding it, one waiting for
/// the GPU has none left, a faulted one says why).
/// </summary>
public static class InvariantChecker
{
    /// <param name="cycleMembers">How many members of a cycle a violation names; the rest are counted, so a cycle of
    /// a million resources is one short line.</param>
    public static List<string> Check(SnapshotIndex index, int cycleMembers = 50)
    {
        var violations = new List<string>();
        IReadOnlyList<SnapshotRecord> records = index.Records;

        foreach (int i in index.Duplicates)
        {
            violations.Add($"duplicate handle: {records[i].Handle} appears more than once (record {i})");
        }

        var ids = new Dictionary<int, SnapshotHandle>(index.Count);
        foreach (int i in index.SortedByHandle)
        {
            SnapshotHandle handle = records[i].Handle;
            if (ids.TryGetValue(handle.Id, out SnapshotHandle other) && other != handle)
            {
                violations.Add($"duplicate id: {other} and {handle} share slot {handle.Id}; only one version can be live");
            }

            ids[handle.Id] = handle;
        }

        foreach (int i in index.MissingParent)
        {
            SnapshotHandle parent = records[i].Parent!.Value;
            string why = ids.TryGetValue(parent.Id, out SnapshotHandle live)
                ? $"which is stale (the snapshot holds {live})"
                : "which is not in the snapshot";
            violations.Add($"missing parent: {ResourceLabel.Identity(records[i])} names parent {parent} {why}");
        }

        ReportCycles(index, violations, Math.Max(1, cycleMembers));

        foreach (SnapshotDependency edge in index.MissingDependencies)
        {
            violations.Add($"missing dependency: the file holds a dependency edge {edge.Dependent} ⇢ {edge.Dependency} but not both resources");
        }

        CheckPlacements(index, violations);

        for (int i = 0; i < index.Count; i++)
        {
            SnapshotRecord record = records[i];
            if (record.State == ResourceState.Blocked && index.ChildCount(i) == 0 && index.DependentsOf(i).Count == 0)
            {
                violations.Add($"inconsistent state: {ResourceLabel.Identity(record)} is blocked but has no children and nothing depends on it");
            }

            if (record.State == ResourceState.WaitingForGpu && index.ChildCount(i) > 0)
            {
                // The registry only waits for the GPU once the children are gone; with children it is blocked.
                violations.Add($"inconsistent state: {ResourceLabel.Identity(record)} is waiting for GPU but has {ResourceLabel.Plural(index.ChildCount(i), "child", "children")}");
            }

            if (record.State == ResourceState.Faulted && string.IsNullOrEmpty(record.FaultMessage))
            {
                violations.Add($"inconsistent state: {ResourceLabel.Identity(record)} is faulted but records no error");
            }

            if (record.State != ResourceState.Faulted && record.FaultMessage is not null)
            {
                violations.Add($"inconsistent state: {ResourceLabel.Identity(record)} records an error but is {ResourceStates.Words(record.State)}");
            }
        }

        return violations;
    }

    /// <summary>The registry places a resource only in a container it depends on, which outlives it; ranges in one
    /// container never overlap nor run past its declared size.</summary>
    private static void CheckPlacements(SnapshotIndex index, List<string> violations)
    {
        for (int i = 0; i < index.Count; i++)
        {
            if (index.Records[i].Placement is not { } placement)
            {
                continue;
            }

            if (!index.ByHandle.TryGetValue(placement.Container, out int container))
            {
                violations.Add($"missing container: {ResourceLabel.Identity(index.Records[i])} is placed in {placement.Container}, which is not in the snapshot");
            }
            else if (!index.DependsOn(i).Contains(container))
            {
                violations.Add($"placement without dependency: {ResourceLabel.Identity(index.Records[i])} is placed in {ResourceLabel.Identity(index.Records[container])} but does not depend on it");
            }
        }

        var memory = new MemoryAnalysis(index);
        foreach (ContainerUse use in memory.Containers.Where(c => c.BadRanges > 0))
        {
            string what = use.BadRanges == 1 ? "1 placed range overlaps another or runs" : $"{ResourceLabel.Count(use.BadRanges)} placed ranges overlap another or run";
            violations.Add($"overlapping placements: in {ResourceLabel.Identity(index.Records[use.Index])} ({ResourceLabel.Bytes(use.Size)}), {what} past the end");
        }
    }

    /// <summary>Unreachable records hang off a cycle; walk each one's parents until a record repeats.</summary>
    private static void ReportCycles(SnapshotIndex index, List<string> violations, int cycleMembers)
    {
        var state = new byte[index.Count]; // 0 unseen, 1 on the current path, 2 done
        foreach (int start in index.Unreachable)
        {
            var path = new List<int>();
            int node = start;
            while (node >= 0 && state[node] == 0)
            {
                state[node] = 1;
                path.Add(node);
                node = index.Parent[node];
            }

            if (node >= 0 && state[node] == 1)
            {
                int from = path.IndexOf(node);
                int length = path.Count - from;
                IEnumerable<string> members = path.Skip(from).Take(cycleMembers).Select(i => index.Records[i].Handle.ToString());
                string rest = length > cycleMembers ? $" → … ({ResourceLabel.Count(length - cycleMembers)} more)" : string.Empty;
                violations.Add($"cycle: {string.Join(" → ", members)}{rest} → {index.Records[node].Handle}");
            }

            foreach (int visited in path)
            {
                state[visited] = 2;
            }
        }
    }
}
