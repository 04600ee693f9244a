namespace Engine.Resources.Snapshots;

/// <summary>The one exception a snapshot reader throws for input it cannot accept.</summary>
public sealed class SnapshotFormatException : Exception
{
    /// <summary>Creates the exception; its message is "source: problem", plus the offset when known.</summary>
    /// <param name="source">File name, or a description of the stream, that was being read.</param>
    /// <param name="problem">What is wrong with the input.</param>
    /// <param name="offset">Byte offset where the problem was found, or null when unknown.</param>
    /// <param name="inner">The decoding failure behind it, if any.</param>
    public SnapshotFormatException(string source, string problem, long? offset = null, Exception? inner = null)
        : base(Compose(source, problem, offset), inner)
    {
        SourceName = source;
        Problem = problem;
        Offset = offset;
    }

    /// <summary>File name (or a description of the stream) that was being read.</summary>
    public string SourceName { get; }

    /// <summary>What is wrong with the input, without the source name and offset (see <see cref="SourceName"/> and
    /// <see cref="Offset"/>).</summary>
    public string Problem { get; }

    /// <summary>Byte offset where the problem was found, when known.</summary>
    public long? Offset { get; }

    private static string Compose(string source, string problem, long? offset) =>
        offset is { } at ? $"{source}: {problem} (at offset {at})" : $"{source}: {problem}";
}
