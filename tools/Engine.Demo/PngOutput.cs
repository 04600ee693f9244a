using StbImageWriteSharp;

namespace Engine.Demo;

/// <summary>Writes RGBA8 pixels as a PNG file.</summary>
public static class PngOutput
{
    public static void Write(string path, byte[] rgba, int width, int height)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using FileStream file = File.Create(path);
        new ImageWriter().WritePng(rgba, width, height, ColorComponents.RedGreenBlueAlpha, file);
    }
}
