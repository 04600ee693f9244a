namespace Engine.Resources.Snapshots;

/// <summary>A dependency edge at capture time: <see cref="Dependent"/> must be destroyed before <see cref="Dependency"/>
/// (<see cref="ResourceRegistry.AddDependency"/>).</summary>
public readonly record struct SnapshotDependency(SnapshotHandle Dependent, SnapshotHandle Dependency);
