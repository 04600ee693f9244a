namespace Engine.Resources;

/// <summary>
/// Where a placed resource sits (<see cref="ResourceRegistry.SetPlacement"/>): it occupies bytes
/// [<see cref="Offset"/>, <see cref="Offset"/> + its size) of <see cref="Container"/> (a sub-allocation in its memory
/// block, say). The container is alive as long as the placement is: the resource depends on it.
/// </summary>
/// <param name="Container">The resource the bytes belong to.</param>
/// <param name="Offset">The first byte, from the start of the container.</param>
public readonly record struct ResourcePlacement(ResourceHandle Container, long Offset);
