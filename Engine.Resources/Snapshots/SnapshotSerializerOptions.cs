using MessagePack;
using MessagePack.Resolvers;

namespace Engine.Resources.Snapshots;

/// <summary>MessagePack options that route the body through <see cref="SnapshotBodyFormatter"/>.</summary>
internal static class SnapshotSerializerOptions
{
    public static MessagePackSerializerOptions Create(SnapshotBodyFormatter formatter, SnapshotCompression compression) =>
        MessagePackSerializerOptions.Standard
            .WithResolver(CompositeResolver.Create([formatter], [StandardResolver.Instance]))
            .WithSecurity(MessagePackSecurity.UntrustedData)
            .WithCompression(compression == SnapshotCompression.Lz4 ? MessagePackCompression.Lz4BlockArray : MessagePackCompression.None);
}
