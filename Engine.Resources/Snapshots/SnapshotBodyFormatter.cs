using MessagePack;
using MessagePack.Formatters;

namespace Engine.Resources.Snapshots;

/// <summary>
/// Plugs the body into MessagePackSerializer, which provides the LZ4 block-array compression around it.
/// Writing needs no state; reading carries the context its error messages need.
/// </summary>
internal sealed class SnapshotBodyFormatter(SnapshotBodyReader? bodyReader = null) : IMessagePackFormatter<SnapshotBody>
{
    public void Serialize(ref MessagePackWriter writer, SnapshotBody value, MessagePackSerializerOptions options) =>
        SnapshotBodyWriter.Write(ref writer, value);

    public SnapshotBody Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        (bodyReader ?? throw new InvalidOperationException("This formatter was created for writing.")).Read(ref reader);
}
