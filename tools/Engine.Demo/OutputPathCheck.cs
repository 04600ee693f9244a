namespace Engine.Demo;

/// <summary>
/// Checks an output path before any Vulkan work: a path that cannot be written would otherwise fail after every frame
/// was rendered.
/// </summary>
internal static class OutputPathCheck
{
    /// <summary>Null when a file can be written at <paramref name="path"/>; otherwise why not, in one line.</summary>
    public static string? Problem(string option, string path)
    {
        string shown = Engine.Resources.ResourceLabels.Text(path);
        if (path.Length == 0 || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return $"{option}: '{shown}' is not a valid path";
        }

        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"{option}: '{shown}' is a directory; give a file name";
        }

        // Missing directories are created when the file is written: probe the nearest one that exists.
        string directory = Path.GetDirectoryName(full) ?? ".";
        while (!Directory.Exists(directory))
        {
            if (File.Exists(directory))
            {
                return $"{option}: '{Engine.Resources.ResourceLabels.Text(directory)}' is a file, so '{shown}' cannot be created";
            }

            directory = Path.GetDirectoryName(directory) ?? "/";
        }

        string probe = Path.Combine(directory, $".engine-demo-probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option}: cannot write in '{Engine.Resources.ResourceLabels.Text(directory)}': {e.Message.ReplaceLineEndings(" ")}";
        }
    }
}
