using System.Globalization;
using Engine.Dump.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Dump.Rendering;

/// <summary>One-line descriptions of resources, shared by every command so output reads the same everywhere.</summary>
public static class ResourceLabel
{
    /// <summary><c>Buffer "vertices" #12v1 blocked, explicit release</c>.</summary>
    public static string Of(in SnapshotRecord record)
    {
        string text = $"{Identity(record)} {StateNames.Of(record.State)}";
        if (record.IsExplicitRelease)
        {
            text += ", explicit release";
        }

        return text;
    }

    /// <summary><c>Buffer "vertices" #12v1</c>: the registry's own label formatter, so names are escaped the same way.</summary>
    public static string Identity(in SnapshotRecord record) =>
        ResourceLabels.Format(record.Kind, record.Name, record.Handle.Id, record.Handle.Version);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
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
