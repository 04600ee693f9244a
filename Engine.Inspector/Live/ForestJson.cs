using System.Text.Json;
using Engine.Analysis;
using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Inspector.Live;

/// <summary>
/// The JSON of one page of a capture's forest for the page's tree, built per request from the capture's index (never
/// the whole forest: a page stays small however many resources the engine holds). Each record is the one resource
/// object (<see cref="ResourceJson"/>) plus its index <c>i</c>, its parent's <c>p</c> and its child count <c>n</c>. The
/// JSON writer's default encoder escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and control characters: no name
/// can turn into markup wherever the JSON ends up.
/// </summary>
internal static class ForestJson
{
    /// <summary>The most records of a children page, and the most matches of a search page.</summary>
    public const int PageSize = 500;

    /// <summary>The most ancestors a search page adds to its matches (a forest a million deep must not make a page of
    /// a million records); the matches past it come without their ancestors, and the page shows them at the top.</summary>
    public const int MaxAncestors = 10_000;

    /// <summary><c>{"formatVersion", "frame", "resources", "parent", "total", "from", "records"}</c>: the children of
    /// <paramref name="parent"/> (the roots when -1) from <paramref name="from"/>, at most <see cref="PageSize"/>, in the
    /// index's order (by handle: stable from one capture to the next).</summary>
    public static void WriteChildren(Utf8JsonWriter writer, SnapshotIndex index, int parent, int from)
    {
        WriteHeader(writer, index);
        if (parent < 0)
        {
            writer.WriteNull("parent");
        }
        else
        {
            writer.WriteString("parent", index.Records[parent].Handle.ToString());
        }

        int total = parent < 0 ? index.Roots.Count : index.ChildCount(parent);
        writer.WriteNumber("total", total);
        writer.WriteNumber("from", from);
        writer.WriteStartArray("records");
        int end = (int)Math.Min(total, (long)from + PageSize);
        for (int k = from; k < end; k++)
        {
            WriteRecord(writer, index, parent < 0 ? index.Roots[k] : index.ChildrenOf(parent)[k], match: false);
        }

        writer.WriteEndArray();
    }

    /// <summary><c>{"formatVersion", "frame", "resources", "query", "matches", "from", "records"}</c>: the matches of
    /// <paramref name="query"/> from <paramref name="from"/> (at most <see cref="PageSize"/>, in handle order), each
    /// marked <c>"m": true</c>, with every ancestor of each, ancestors before descendants.</summary>
    public static void WriteSearch(Utf8JsonWriter writer, SnapshotIndex index, string query, int from)
    {
        var search = new ForestQuery(query);
        var page = new List<int>(PageSize);
        int matches = 0;
        foreach (int i in index.SortedByHandle)
        {
            if (search.Matches(index.Records[i]))
            {
                if (matches >= from && page.Count < PageSize)
                {
                    page.Add(i);
                }

                matches++;
            }
        }

        WriteHeader(writer, index);
        writer.WriteString("query", query);
        writer.WriteNumber("matches", matches);
        writer.WriteNumber("from", from);
        writer.WriteStartArray("records");
        var written = new HashSet<int>();
        var isMatch = new HashSet<int>(page);
        var chain = new List<int>();
        var inChain = new HashSet<int>();
        int ancestors = 0;
        foreach (int i in page)
        {
            // Walk up to the first record already written (or the root); a crafted snapshot could hold a parent
            // cycle, so the walk also stops at a record seen in this chain.
            chain.Clear();
            inChain.Clear();
            for (int node = i; node >= 0 && !written.Contains(node) && inChain.Add(node); node = index.Parent[node])
            {
                if (node != i && !isMatch.Contains(node) && ancestors++ >= MaxAncestors)
                {
                    break;
                }

                chain.Add(node);
            }

            for (int k = chain.Count - 1; k >= 0; k--)
            {
                if (written.Add(chain[k]))
                {
                    WriteRecord(writer, index, chain[k], isMatch.Contains(chain[k]));
                }
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteHeader(Utf8JsonWriter writer, SnapshotIndex index)
    {
        writer.WriteNumber("formatVersion", SnapshotWriter.FormatVersion);
        writer.WriteNumber("frame", index.Snapshot.Header.Frame);
        writer.WriteNumber("resources", index.Count);
    }

    private static void WriteRecord(Utf8JsonWriter writer, SnapshotIndex index, int i, bool match)
    {
        writer.WriteStartObject();
        writer.WriteNumber("i", i);
        writer.WriteNumber("p", index.Parent[i]);
        writer.WriteNumber("n", index.ChildCount(i));
        if (match)
        {
            writer.WriteBoolean("m", true);
        }

        ResourceJson.WriteFields(writer, index.Records[i]);
        writer.WriteEndObject();
    }
}
