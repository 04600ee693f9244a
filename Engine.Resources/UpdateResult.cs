namespace Engine.Resources;

/// <summary>What one update did (<see cref="Destroyed"/>, <see cref="Faulted"/> this update) and what is still
/// waiting afterwards (<see cref="Blocked"/>, <see cref="WaitingForGpu"/>, <see cref="Pending"/>: totals).</summary>
public readonly record struct UpdateResult(int Destroyed, int Faulted, int Blocked, int WaitingForGpu, int Pending);
