namespace Engine.Resources.Snapshots;

/// <summary>The destruction requested for a resource, as a snapshot records it (the values of <see cref="DestroyMode"/>).</summary>
public enum SnapshotRequest : byte
{
    /// <summary>Nobody asked for its destruction.</summary>
    None = 0,

    /// <summary>Destroy once it has no live children.</summary>
    Block = 1,

    /// <summary>Destroy with its subtree (explicit-release descendants excepted).</summary>
    Cascade = 2,
}
