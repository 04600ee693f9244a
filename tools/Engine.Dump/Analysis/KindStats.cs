namespace Engine.Dump.Analysis;

/// <summary>Counts for one kind: total, per state (indexed by state value) and declared bytes.</summary>
public sealed class KindStats(string kind)
{
    public string Kind { get; } = kind;

    public int Count { get; set; }

    public int[] ByState { get; } = new int[5];

    public Int128 Bytes { get; set; }
}
