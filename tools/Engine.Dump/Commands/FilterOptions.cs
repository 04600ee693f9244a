using Engine.Resources;
using Engine.Analysis;
using System.CommandLine;
using Engine.Dump.Analysis;

namespace Engine.Dump.Commands;

/// <summary>The <c>--kind/--state/--name/--depth/--limit</c> options shared by views of the forest.</summary>
public sealed class FilterOptions
{
    public Option<string?> Kind { get; } = new("--kind", "-k") { Description = "Show resources of this kind (case-insensitive) and their ancestors." };

    public Option<string?> State { get; } = new("--state", "-s") { Description = "Show resources in this state (alive, pending, blocked, waiting, faulted) and their ancestors." };

    public Option<string?> Name { get; } = new("--name", "-n") { Description = "Show resources whose name matches this glob (* and ?) and their ancestors." };

    public Option<int?> Depth { get; } = new("--depth", "-d") { Description = "Show at most N levels below the roots (0: roots only)." };

    public Option<int> Limit { get; }

    public FilterOptions(int defaultLimit)
    {
        State.AcceptOnlyFromAmong([.. ResourceStates.Tokens]);
        Limit = new Option<int>("--limit") { Description = "Children shown per resource before the rest are summarized.", DefaultValueFactory = _ => defaultLimit };
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Kind);
        command.Options.Add(State);
        command.Options.Add(Name);
        command.Options.Add(Depth);
        command.Options.Add(Limit);
    }

    /// <summary>A --kind that names no kind of the file says so on stderr and lists the kinds there are (a typo
    /// otherwise reads as "nothing matches").</summary>
    public void WarnIfKindAbsent(ParseResult parse, SnapshotIndex index, TextWriter stderr)
    {
        if (parse.GetValue(Kind) is not { } kind)
        {
            return;
        }

        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var record in index.Records)
        {
            if (string.Equals(record.Kind, kind, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            kinds.Add(record.Kind);
        }

        stderr.WriteLine($"resdump: no resource of kind {Engine.Resources.ResourceLabels.Quote(kind)} in this file; kinds present: {string.Join(", ", kinds.Take(50).Select(Engine.Resources.ResourceLabels.Text))}{(kinds.Count > 50 ? ", …" : string.Empty)}");
    }

    public ForestFilter Filter(ParseResult parse)
    {
        string? state = parse.GetValue(State);
        string? name = parse.GetValue(Name);
        return new ForestFilter
        {
            Kind = parse.GetValue(Kind),
            State = state is null ? null : ParseState(state),
            Name = name is null ? null : new Glob(name),
        };
    }

    private static Resources.ResourceState ParseState(string text) =>
        ResourceStates.TryParse(text, out var state)
            ? state
            : throw new UsageException($"unknown state '{text}' (expected one of: {string.Join(", ", ResourceStates.Tokens)})");

    /// <param name="depthCeiling">Deepest level the output can show (a text tree runs out of width).</param>
    public ForestWalk Walk(ParseResult parse, SnapshotIndex index, FilterResult? filter, int maxNodes, int depthCeiling = ForestWalk.DepthCeiling, bool groupIdenticalLeaves = false)
    {
        int? depth = parse.GetValue(Depth);
        int limit = parse.GetValue(Limit);
        if (depth < 0)
        {
            throw new UsageException($"--depth must be 0 or more, got {depth}");
        }

        if (limit < 1)
        {
            throw new UsageException($"--limit must be 1 or more, got {limit}");
        }

        return new ForestWalk(index, filter) { MaxDepth = Math.Min(depth ?? int.MaxValue, depthCeiling), Limit = limit, MaxNodes = maxNodes, GroupIdenticalLeaves = groupIdenticalLeaves };
    }
}
