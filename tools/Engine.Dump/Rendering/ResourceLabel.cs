using Engine.Analysis;
using System.Globalization;
using Engine.Dump.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Rendering;

/// <summary>One-line descriptions of resources, shared by every command so output reads the same everywhere.</summary>
public static class ResourceLabel
{
    /// <summary><c>Buffer "vertices" #12v1 blocked, f1234, 64.0 KiB, explicit release</c>: identity, state, creation
    /// frame (how old it is) and declared size when there is one.</summary>
    public static string Of(in SnapshotRecord record)
    {
        string text = $"{Identity(record)} {ResourceStates.Words(record.State)}, {Age(record)}";
        if (record.SizeBytes is { } size)
        {
            text += ", " + Bytes(size);
        }

        if (record.IsExplicitRelease)
        {
            text += ", explicit release";
        }

        return text;
    }

    /// <summary><c>@0x40000 +64.0 KiB in MemoryBlock #3v1</c>: where a placed resource sits (offset in hex, as
    /// debuggers and Vulkan tools print them); the container by kind and handle, or by handle alone when the file lacks
    /// it.</summary>
    public static string Placement(SnapshotPlacement placement, long? size, SnapshotIndex index)
    {
        string container = index.ByHandle.TryGetValue(placement.Container, out int at)
            ? $"{Text(index.Records[at].Kind)} {placement.Container}"
            : $"{placement.Container} (not in the file)";
        return $"@0x{placement.Offset.ToString("x", CultureInfo.InvariantCulture)} +{Bytes(size ?? 0)} in {container}";
    }

    /// <summary>A share as a percentage with one decimal, <c>37.5%</c>.</summary>
    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary><c>f1234</c>: the frame the resource was created in.</summary>
    public static string Age(in SnapshotRecord record) => "f" + record.CreationFrame.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>Buffer "vertices" #12v1</c>: the registry's own label formatter, so names are escaped the same way.</summary>
    public static string Identity(in SnapshotRecord record) => BlockerAnalysis.Identity(record);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Untrusted text from a file (a kind, a fault message, a writer version) or the command line (a file
    /// name), for one line of terminal output: escaped and cut (<see cref="ResourceLabels.Text"/>).</summary>
    public static string Text(string text) => ResourceLabels.Text(text);

    /// <summary>The file name of a path, as <see cref="Text"/>.</summary>
    public static string FileName(string path) => ResourceLabels.Text(Path.GetFileName(path));

    /// <summary>A byte count in binary units. Sums of declared sizes are 128-bit: a file may declare any 64-bit size
    /// for every record, and a sum that wraps would print a negative size.</summary>
    public static string Bytes(Int128 bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
        double value = (double)bytes;
        int unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Plural(long count, string singular, string plural) => $"{Count(count)} {(count == 1 ? singular : plural)}";
}
