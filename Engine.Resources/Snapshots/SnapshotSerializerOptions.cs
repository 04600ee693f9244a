using MessagePack;
using MessagePack.Resolvers;

namespace Engine.Resources.Snapshots;

/// <summary>
/// MessagePack options that route the body through <see cref="SnapshotBodyFormatter"/>. Untrusted-data security, but
/// with the decompressed-size cap raised from MessagePack's default (64 MiB) to the format's own limit, which
/// <see cref="Lz4BodyCheck"/> has already enforced block by block: the reader accepts every body the writer produces.
/// </summary>
internal static class SnapshotSerializerOptions
{
    public static MessagePackSerializerOptions Create(SnapshotBodyFormatter formatter, SnapshotCompression compression) =>
        MessagePackSerializerOptions.Standard
            .WithResolver(CompositeResolver.Create([formatter], [StandardResolver.Instance]))
            .WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumDecompressedSize(SnapshotFormat.MaxBodyBytes))
            .WithCompression(compression == SnapshotCompression.Lz4 ? MessagePackCompression.Lz4BlockArray : MessagePackCompression.None);
}
