namespace Engine.Resources.Snapshots;

/// <summary>What a snapshot file says about itself before its records.</summary>
/// <param name="FormatVersion">Layout version of the file; readers reject newer ones.</param>
/// <param name="WriterVersion">Version of the library that wrote the file, for bug reports.</param>
/// <param name="Frame">The registry's frame index at capture.</param>
/// <param name="CapturedAtUtc">Wall-clock time of the capture.</param>
/// <param name="ResourceCount">Number of records that follow.</param>
/// <param name="Compression">How the body is stored (LZ4 blocks or plain).</param>
/// <param name="BodyChecksum">XxHash3 (64-bit) of the body bytes as stored in the file.</param>
/// <param name="RegistryId">The <see cref="ResourceRegistry.InstanceId"/> of the registry captured (format 2), so tools
/// can tell snapshots of one registry from unrelated ones; null in format 1 files and hand-built snapshots.</param>
public sealed record SnapshotHeader(
    int FormatVersion,
    string WriterVersion,
    long Frame,
    DateTime CapturedAtUtc,
    int ResourceCount,
    SnapshotCompression Compression,
    ulong BodyChecksum,
    string? RegistryId = null);
