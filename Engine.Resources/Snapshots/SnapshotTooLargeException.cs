namespace Engine.Resources.Snapshots;

/// <summary>A snapshot would exceed what the format (and so every reader) accepts; nothing was written.</summary>
public sealed class SnapshotTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception; <paramref name="message"/> says which limit of the format the snapshot
    /// exceeds.</summary>
    public SnapshotTooLargeException(string message)
        : base(message)
    {
    }
}
