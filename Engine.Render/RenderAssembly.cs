namespace Engine.Render;

internal static class RenderAssembly
{
}
