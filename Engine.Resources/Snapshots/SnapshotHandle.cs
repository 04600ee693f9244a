namespace Engine.Resources.Snapshots;

/// <summary>A resource handle as recorded in a snapshot: entity id plus generation.</summary>
public readonly record struct SnapshotHandle(int Id, int Version)
{
    /// <summary>Same spelling as the registry's handles, so logs and dumps can be grepped together.</summary>
    public override string ToString() => $"#{Id}v{Version}";
}
