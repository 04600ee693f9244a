namespace Engine.Resources;

/// <summary>A read-only view of one live resource, for tools and diagnostics.</summary>
public readonly record struct ResourceInfo(
    ResourceHandle Handle,
    string Kind,
    Type PayloadType,
    string? Name,
    ResourceHandle Parent,
    ResourceState State,
    ResourceFlags Flags,
    long CreationFrame,
    ulong LastGpuUse,
    long SizeBytes,
    int ChildCount,
    string? FaultMessage,
    DestroyMode? RequestedMode = null)
{
    /// <summary>Where the resource sits in a container (<see cref="ResourceRegistry.SetPlacement"/>); null when it
    /// was not placed.</summary>
    public ResourcePlacement? Placement { get; init; }

    /// <summary><c>Kind "name" #idvN</c>, the way every message names a resource (<see cref="ResourceLabels"/>).</summary>
    public string Describe() => ResourceLabels.Format(Kind, Name, Handle);
}
