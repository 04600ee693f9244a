using System.Reflection;

namespace Engine.Resources.Snapshots;

/// <summary>Constants of the file layout described in FORMAT.md.</summary>
internal static class SnapshotFormat
{
    public const string Magic = "ResSnap";
    public const int CurrentVersion = 1;

    /// <summary>Header array: magic, format version, writer version, frame, time, count, compression.</summary>
    public const int HeaderFieldCount = 7;

    /// <summary>Body array: kinds, payload types, names, records.</summary>
    public const int BodyFieldCount = 4;

    public const int RecordFieldCount = 13;

    /// <summary>Smallest encoding of a record: the array header and thirteen one-byte fields.</summary>
    public const int MinRecordBytes = 1 + RecordFieldCount;

    /// <summary>LZ4 cannot expand a block by more than this factor; a larger claim is corrupt.</summary>
    public const int MaxLz4Ratio = 256;

    public const int MaxBodyBytes = int.MaxValue - 64;

    public static readonly string WriterVersion =
        typeof(SnapshotFormat).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static bool IsValidState(byte state) => state <= (byte)SnapshotState.Faulted;

    public static bool IsValidFlags(byte flags) => (flags & ~(byte)SnapshotFlags.ExplicitRelease) == 0;
}
