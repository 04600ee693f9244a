using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Snapshots;

/// <summary>Everything about a generated record except its place in the forest.</summary>
public readonly record struct RecordSpec(
    int ParentChoice, int Version, string Kind, string? Name, ResourceState State, SnapshotFlags Flags,
    long CreationFrame, ulong LastGpuUse, long? SizeBytes, string? Fault);
