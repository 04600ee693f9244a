namespace Engine.Render.Offscreen;

/// <summary>The SPIR-V shipped inside this assembly (compiled from Shaders/*.vert|frag|comp by Shaders/compile.sh).</summary>
public static class ShaderLibrary
{
    /// <summary>Vertex shader of the triangle: position (location 0) and colour (location 1) in, colour and texture
    /// coordinates (the position mapped to 0..1) out.</summary>
    public const string TriangleVertex = "triangle.vert.spv";
    /// <summary>
    /// Fragment shader of the triangle: the streamed texture at set 0, binding 1, over the vertex colour as far as its
    /// alpha goes, tinted by the uniform buffer at set 0, binding 0.
    /// </summary>
    public const string TriangleFragment = "triangle.frag.spv";
    /// <summary>
    /// Compute shader (64 invocations per group) that writes each invocation's index into the storage buffer at set 0,
    /// binding 0.
    /// </summary>
    public const string FillCompute = "fill.comp.spv";

    /// <summary>Reads an embedded SPIR-V file, such as <see cref="TriangleVertex"/>, into a new array.</summary>
    /// <param name="name">The file name under Shaders/, e.g. one of this class's constants.</param>
    /// <returns>The SPIR-V code, ready for a shader module.</returns>
    /// <exception cref="FileNotFoundException">No such shader is embedded in the assembly.</exception>
    public static byte[] Load(string name)
    {
        using Stream stream = typeof(ShaderLibrary).Assembly.GetManifestResourceStream("Shaders/" + name)
            ?? throw new FileNotFoundException($"embedded shader Shaders/{name} is missing", name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
