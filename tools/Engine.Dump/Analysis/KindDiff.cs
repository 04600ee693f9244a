namespace Engine.Dump.Analysis;

/// <summary>Per-kind counts of a diff.</summary>
public sealed class KindDiff(string kind)
{
    public string Kind { get; } = kind;

    public int Added { get; set; }

    public int Removed { get; set; }

    public int Changed { get; set; }

    public int Net => Added - Removed;
}
