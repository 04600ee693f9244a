using System.Globalization;
using Engine.Resources.Snapshots;
using Microsoft.AspNetCore.Http;

namespace Engine.Inspector.Live;

/// <summary>
/// The query of a <c>/forest</c> request: <c>parent=HANDLE</c> (a children page), <c>q=TEXT</c> (a search page) or
/// neither (the roots), and <c>from=N</c>; each at most once, <c>parent</c> and <c>q</c> not together. A refusal names
/// the parameter and its allowed form, never the input: the answer cannot carry markup or script.
/// </summary>
internal readonly record struct ForestRequest(SnapshotHandle? Parent, string? Query, int From)
{
    public const int MaxFrom = 100_000_000;
    public const int MaxQueryLength = 200;

    public static bool TryParse(IQueryCollection query, out ForestRequest request, out string error)
    {
        request = default;
        SnapshotHandle? parent = null;
        string? text = null;
        int from = 0;
        foreach (var (key, values) in query)
        {
            if (values.Count != 1)
            {
                error = $"400 bad request: {Allowed(key)} is given more than once";
                return false;
            }

            string value = values[0] ?? "";
            switch (key)
            {
                case "token":
                    break;
                case "parent" when TryParseHandle(value, out SnapshotHandle handle):
                    parent = handle;
                    break;
                case "parent":
                    error = "400 bad request: parent must be a handle as the forest writes it, #IDvVERSION (e.g. #12v1)";
                    return false;
                case "from" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out from) && from <= MaxFrom:
                    break;
                case "from":
                    error = $"400 bad request: from must be a whole number from 0 to {MaxFrom:D}";
                    return false;
                case "q" when value.Length is > 0 and <= MaxQueryLength:
                    text = value;
                    break;
                case "q":
                    error = $"400 bad request: q must be a search of 1 to {MaxQueryLength} characters";
                    return false;
                default:
                    error = "400 bad request: /forest takes only parent=HANDLE or q=TEXT, from=N and token, each once";
                    return false;
            }
        }

        if (parent is not null && text is not null)
        {
            error = "400 bad request: parent and q cannot be given together (a search spans the whole forest)";
            return false;
        }

        request = new ForestRequest(parent, text, from);
        error = "";
        return true;
    }

    /// <summary>The parameter's name when it is one of ours, never what a client made up.</summary>
    private static string Allowed(string key) => key is "token" or "parent" or "from" or "q" ? key : "a parameter";

    private static bool TryParseHandle(string text, out SnapshotHandle handle)
    {
        handle = default;
        int v = text.IndexOf('v', StringComparison.Ordinal);
        if (text.Length < 4 || text[0] != '#' || v < 2
            || !int.TryParse(text.AsSpan(1, v - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            || !int.TryParse(text.AsSpan(v + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            return false;
        }

        handle = new SnapshotHandle(id, version);
        return true;
    }
}
