using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Dump;

/// <summary>A snapshot no healthy registry could produce: one of each invariant violation.</summary>
public static class BrokenSnapshot
{
    public static ResourceSnapshot Create()
    {
        static SnapshotRecord R(int id, int version, string kind, string name, SnapshotHandle? parent,
            ResourceState state = ResourceState.Alive, string? fault = null) =>
            new(new SnapshotHandle(id, version), kind, "Sample." + kind, name, parent, state, SnapshotFlags.None, 1, 0, null, fault);

        return new ResourceSnapshot(7, new DateTime(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc),
        [
            R(0, 1, "Instance", "vulkan", null),
            R(1, 1, "Device", "gpu", new SnapshotHandle(0, 1), ResourceState.Blocked),
            R(2, 1, "Buffer", "orphan", new SnapshotHandle(99, 1)),
            R(3, 2, "Buffer", "stale parent", new SnapshotHandle(0, 3)),
            R(4, 1, "Image", "loop a", new SnapshotHandle(5, 1)),
            R(5, 1, "Image", "loop b", new SnapshotHandle(4, 1)),
            R(6, 1, "Fence", "twin", new SnapshotHandle(0, 1)),
            R(6, 1, "Fence", "twin", new SnapshotHandle(0, 1)),
            R(7, 1, "Buffer", "silent fault", new SnapshotHandle(0, 1), ResourceState.Faulted),
            R(8, 1, "Image", "impatient", new SnapshotHandle(0, 1), ResourceState.WaitingForGpu),
            R(9, 4, "ImageView", "view of impatient", new SnapshotHandle(8, 1)),
        ]);
    }
}
