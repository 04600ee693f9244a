using System.Runtime.InteropServices;

namespace Engine.Render.Offscreen;

/// <summary>Layout of triangle.vert's inputs: location 0 = position, location 1 = colour.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Vertex(float X, float Y, float R, float G, float B)
{
    /// <summary>Size of one vertex in bytes (20): the vertex buffer binding's stride.</summary>
    public const uint Stride = 5 * sizeof(float);
    /// <summary>
    /// Byte offset of the colour (<c>R</c>, <c>G</c>, <c>B</c>) within a vertex (8), after the position.
    /// </summary>
    public const uint ColorOffset = 2 * sizeof(float);
}
