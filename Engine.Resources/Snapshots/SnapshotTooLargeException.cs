namespace Engine.Resources.Snapshots;

/// <summary>A snapshot would exceed what the format (and so every reader) accepts; nothing was written.</summary>
public sealed class SnapshotTooLargeException : InvalidOperationException
{
    public SnapshotTooLargeException(string message)
        : base(message)
    {
    }
}
