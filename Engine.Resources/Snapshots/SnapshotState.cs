namespace Engine.Resources.Snapshots;

/// <summary>Lifecycle state of a resource at capture time. Values are part of the file format.</summary>
public enum SnapshotState : byte
{
    Alive = 0,
    Pending = 1,
    Blocked = 2,
    WaitingForGpu = 3,
    Faulted = 4,
}
