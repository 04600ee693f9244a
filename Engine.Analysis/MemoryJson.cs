using System.Globalization;
using System.Text.Json;

namespace Engine.Analysis;

/// <summary>
/// The <c>memory</c> object of <c>resdump stats --json</c> and the inspector's <c>/summary</c> (docs/json.md): one
/// writer, so both say the same about the same capture. Byte counts are exact integers; the totals are sums that only a
/// crafted file pushes past 2^53.
/// </summary>
public static class MemoryJson
{
    /// <summary>Writes <c>"memory": {...}</c> with the first <paramref name="maxContainers"/> containers.</summary>
    public static void Write(Utf8JsonWriter json, MemoryAnalysis memory, int maxContainers)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(memory);
        json.WriteStartObject("memory");
        json.WriteNumber("containerCount", memory.Containers.Count);
        json.WritePropertyName("size");
        json.WriteRawValue(memory.TotalSize.ToString(CultureInfo.InvariantCulture));
        json.WritePropertyName("used");
        json.WriteRawValue(memory.TotalUsed.ToString(CultureInfo.InvariantCulture));
        json.WritePropertyName("free");
        json.WriteRawValue(memory.TotalFree.ToString(CultureInfo.InvariantCulture));
        json.WriteNumber("ranges", memory.TotalRanges);
        if (memory.Unmatched > 0)
        {
            json.WriteNumber("unmatched", memory.Unmatched);
        }

        json.WriteStartArray("containers");
        foreach (ContainerUse use in memory.Containers.Take(Math.Max(0, maxContainers)))
        {
            json.WriteStartObject();
            ResourceJson.Write(json, "resource", memory.Index.Records[use.Index]);
            json.WriteNumber("size", use.Size);
            json.WriteNumber("used", use.Used);
            json.WriteNumber("free", use.Free);
            json.WriteNumber("ranges", use.Ranges);
            json.WriteNumber("largestFree", use.LargestFree);
            json.WriteNumber("fragmentation", Math.Round(use.Fragmentation, 4));
            if (use.BadRanges > 0)
            {
                json.WriteNumber("badRanges", use.BadRanges);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
