using Engine.Dump.Analysis;

namespace Engine.Dump.Rendering;

/// <summary>Wording of elided parts: <c>… 9,870 more children (12,345 resources)</c>.</summary>
public static class ElisionText
{
    public static string Of(Elision elision, bool atRoots)
    {
        string what = elision.BelowDepthLimit
            ? $"{ResourceLabel.Plural(elision.Count, "child", "children")} below the depth limit"
            : $"{ResourceLabel.Count(elision.Count)} more {(atRoots ? (elision.Count == 1 ? "root" : "roots") : (elision.Count == 1 ? "child" : "children"))}";
        return elision.Resources > elision.Count
            ? $"… {what} ({ResourceLabel.Plural(elision.Resources, "resource", "resources")})"
            : $"… {what}";
    }
}
