namespace Engine.Resources.Snapshots;

/// <summary>The one exception a snapshot reader throws for input it cannot accept.</summary>
public sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException(string source, string problem, long? offset = null, Exception? inner = null)
        : base(Compose(source, problem, offset), inner)
    {
        SourceName = source;
        Problem = problem;
        Offset = offset;
    }

    /// <summary>File name (or a description of the stream) that was being read.</summary>
    public string SourceName { get; }

    public string Problem { get; }

    /// <summary>Byte offset where the problem was found, when known.</summary>
    public long? Offset { get; }

    private static string Compose(string source, string problem, long? offset) =>
        offset is { } at ? $"{source}: {problem} (at offset {at})" : $"{source}: {problem}";
}
