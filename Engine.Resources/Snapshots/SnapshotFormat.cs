using Engine.Resources;
using System.Reflection;

namespace Engine.Resources.Snapshots;

/// <summary>Constants of the file layout described in FORMAT.md.</summary>
internal static class SnapshotFormat
{
    public const string Magic = "ResSnap";
    public const int CurrentVersion = 3;

    /// <summary>Header array: magic, format version, writer version, frame, time, count, compression, body checksum.</summary>
    public const int HeaderFieldCount = 8;

    /// <summary>Format 2 adds the registry id.</summary>
    public const int HeaderFieldCountV2 = 9;

    /// <summary>Body array: kinds, payload types, records.</summary>
    public const int BodyFieldCount = 3;

    /// <summary>Format 2 adds the dependency edges as a fourth part.</summary>
    public const int BodyFieldCountV2 = 4;

    public const int RecordFieldCount = 13;

    /// <summary>Format 2 adds the requested destruction mode.</summary>
    public const int RecordFieldCountV2 = 14;

    /// <summary>Format 3 adds the placement: nil, or [container distance, container version, offset].</summary>
    public const int RecordFieldCountV3 = 15;

    public const int PlacementFieldCount = 3;

    /// <summary>Smallest encoding of a record: the array header and thirteen one-byte fields.</summary>
    public const int MinRecordBytes = 1 + RecordFieldCount;

    /// <summary>LZ4 cannot expand a block by more than this factor; a larger claim is corrupt.</summary>
    public const int MaxLz4Ratio = 256;

    public const int MaxBodyBytes = int.MaxValue - 64;

    /// <summary>The package version (Directory.Build.props), the one the tools print for their version option.</summary>
    public static readonly string WriterVersion =
        typeof(SnapshotFormat).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            is [System.Reflection.AssemblyInformationalVersionAttribute version, ..] ? version.InformationalVersion : "0.0.0";

    /// <summary>
    /// Exceptions MessagePack's reader throws on malformed input. ArgumentException is among them: ReadBytes
    /// slices with an unchecked length and the slice throws ArgumentOutOfRangeException.
    /// </summary>
    public static bool IsDecodeFailure(Exception ex) =>
        ex is MessagePack.MessagePackSerializationException or EndOfStreamException or OverflowException
            or InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException;

    /// <summary>XxHash3 of the body as stored: MessagePack has no checksum, and a flipped bit in a name or a
    /// handle would otherwise read as a plausible, wrong snapshot.</summary>
    public static ulong Checksum(ReadOnlySpan<byte> body) => System.IO.Hashing.XxHash3.HashToUInt64(body);

    public static bool IsValidState(byte state) => state <= (byte)ResourceState.Faulted;

    public static bool IsValidRequest(byte request) => request <= (byte)DestroyMode.Cascade;

    public static bool IsValidFlags(byte flags) => (flags & ~(byte)SnapshotFlags.ExplicitRelease) == 0;
}
