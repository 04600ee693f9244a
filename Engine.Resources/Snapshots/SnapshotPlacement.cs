namespace Engine.Resources.Snapshots;

/// <summary>Where a placed resource sat at capture (<see cref="ResourcePlacement"/>, format 3): bytes
/// [<see cref="Offset"/>, offset + its size) of <see cref="Container"/>.</summary>
/// <param name="Container">The container's handle; a file may name one it does not hold.</param>
/// <param name="Offset">The first byte, from the start of the container (0 or more).</param>
public readonly record struct SnapshotPlacement(SnapshotHandle Container, long Offset);
