namespace Engine.Dump.Analysis;

/// <summary>Per-record visibility of a filtered view.</summary>
/// <param name="Visible">Matches and their ancestors.</param>
/// <param name="Matched">Records that satisfy the filter themselves.</param>
public sealed record FilterResult(bool[] Visible, bool[] Matched, int MatchCount);
