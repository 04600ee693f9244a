namespace Engine.Resources.Snapshots;

/// <summary>Lifecycle state of a resource at capture time. Values are part of the file format.</summary>
public enum SnapshotState : byte
{
    /// <summary>In use; nobody had asked for its destruction.</summary>
    Alive = 0,
    /// <summary>Destruction was requested and was to be attempted at the next update.</summary>
    Pending = 1,
    /// <summary>Destruction was requested, but live children or dependents kept it.</summary>
    Blocked = 2,
    /// <summary>Destruction was requested, but GPU work that used it had not completed.</summary>
    WaitingForGpu = 3,
    /// <summary>Its destroy callback threw (see <see cref="SnapshotRecord.FaultMessage"/>); it and its ancestors
    /// stayed.</summary>
    Faulted = 4,
}
