using Engine.Resources;
using Engine.Analysis;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Analysis;

/// <summary>Which records a filtered view shows: matches plus their ancestors, so context stays visible.</summary>
public sealed class ForestFilter
{
    public string? Kind { get; init; }

    public ResourceState? State { get; init; }

    public Glob? Name { get; init; }

    public bool IsEmpty => Kind is null && State is null && Name is null;

    public bool Matches(in SnapshotRecord record) =>
        (Kind is null || string.Equals(record.Kind, Kind, StringComparison.OrdinalIgnoreCase))
        && (State is null || record.State == State)
        && (Name is null || Name.IsMatch(record.Name));

    /// <summary>Null when nothing is filtered (everything visible); otherwise one flag per record.</summary>
    public FilterResult? Apply(SnapshotIndex index)
    {
        if (IsEmpty)
        {
            return null;
        }

        var visible = new bool[index.Count];
        var matched = new bool[index.Count];
        int matches = 0;
        for (int i = 0; i < index.Count; i++)
        {
            if (!Matches(index.Records[i]))
            {
                continue;
            }

            matched[i] = true;
            matches++;
            // Stop at the first ancestor already shown: its own ancestors are shown too. Bounded by the
            // record count so a parent cycle in a corrupt snapshot cannot loop forever.
            int guard = index.Count;
            for (int node = i; node >= 0 && !visible[node] && guard-- > 0; node = index.Parent[node])
            {
                visible[node] = true;
            }
        }

        return new FilterResult(visible, matched, matches);
    }

    /// <summary>
    /// Adds what keeps each matched pending resource from being destroyed (the root causes below it), with their
    /// chains: a view of the blocked resources that does not show why they are blocked answers half the question.
    /// </summary>
    public static FilterResult WithBlockers(FilterResult result, SnapshotIndex index)
    {
        var analysis = new BlockerAnalysis(index);
        var starts = new List<int>();
        for (int i = 0; i < index.Count; i++)
        {
            if (result.Matched[i] && index.Records[i].State != Engine.Resources.ResourceState.Alive)
            {
                starts.Add(i);
            }
        }

        bool[] visible = (bool[])result.Visible.Clone();
        foreach ((int blocker, BlockReason _) in analysis.RootCauseResources(starts))
        {
            int guard = index.Count;
            for (int node = blocker; node >= 0 && !visible[node] && guard-- > 0; node = index.Parent[node])
            {
                visible[node] = true;
            }
        }

        return result with { Visible = visible };
    }
}
