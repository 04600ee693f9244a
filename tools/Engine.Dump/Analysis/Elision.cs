namespace Engine.Dump.Analysis;

/// <summary>A summary of what a bounded view left out at one place.</summary>
/// <param name="Count">Children (or roots) not shown.</param>
/// <param name="Resources">Resources in the subtrees of those children, themselves included.</param>
/// <param name="BelowDepthLimit">True when left out by the depth limit rather than by a count limit.</param>
public readonly record struct Elision(int Count, long Resources, bool BelowDepthLimit);
