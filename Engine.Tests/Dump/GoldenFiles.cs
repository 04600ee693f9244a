using System.Runtime.CompilerServices;

namespace Engine.Tests.Dump;

/// <summary>
/// Checked-in inputs and expected outputs under Dump/Golden. Set RESDUMP_UPDATE_GOLDEN=1 to rewrite the
/// expected outputs in the source tree after an intended change (then review the diff).
/// </summary>
public static class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("RESDUMP_UPDATE_GOLDEN") == "1";

    /// <summary>Path of a golden file as copied next to the test assembly.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Dump", "Golden", name);

    public static string SourcePath(string name, [CallerFilePath] string here = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "Golden", name);

    /// <summary>Asserts <paramref name="actual"/> equals the golden text (or rewrites it when updating).</summary>
    public static void AssertMatches(string name, string actual)
    {
        if (Updating)
        {
            File.WriteAllText(SourcePath(name), actual);
            return;
        }

        string expected = File.ReadAllText(Path(name)).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual.ReplaceLineEndings("\n"));
    }
}
