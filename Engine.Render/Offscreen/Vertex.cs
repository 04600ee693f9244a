using System.Runtime.InteropServices;

namespace Engine.Render.Offscreen;

/// <summary>Layout of triangle.vert's inputs: location 0 = position, location 1 = colour.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Vertex(float X, float Y, float R, float G, float B)
{
    public const uint Stride = 5 * sizeof(float);
    public const uint ColorOffset = 2 * sizeof(float);
}
