namespace Engine.Render.Offscreen;

/// <summary>The SPIR-V shipped inside this assembly (compiled from Shaders/*.vert|frag|comp by Shaders/compile.sh).</summary>
public static class ShaderLibrary
{
    public const string TriangleVertex = "triangle.vert.spv";
    public const string TriangleFragment = "triangle.frag.spv";
    public const string FillCompute = "fill.comp.spv";

    public static byte[] Load(string name)
    {
        using Stream stream = typeof(ShaderLibrary).Assembly.GetManifestResourceStream("Shaders/" + name)
            ?? throw new FileNotFoundException($"embedded shader Shaders/{name} is missing", name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
