namespace Engine.Resources.Snapshots;

/// <summary>How the body of a snapshot file is stored. Values are part of the file format.</summary>
public enum SnapshotCompression : byte
{
    /// <summary>The body is plain MessagePack.</summary>
    None = 0,

    /// <summary>MessagePack's LZ4 block array (extension type 98).</summary>
    Lz4 = 1,
}
