namespace Engine.Resources.Snapshots;

/// <summary>Per-resource flags. Bit values are part of the file format.</summary>
[Flags]
public enum SnapshotFlags : byte
{
    /// <summary>No flags: an ordinary resource that an ancestor's cascade could take.</summary>
    None = 0,

    /// <summary>A cascade never destroys the resource implicitly; its owner must release it.</summary>
    ExplicitRelease = 1,
}
