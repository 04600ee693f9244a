namespace Engine.Render.Vulkan;

/// <summary>How many debug-messenger messages arrived, by severity.</summary>
public readonly record struct ValidationCounts(int Errors, int Warnings, int Infos)
{
    /// <summary>True when nothing the validation layer considers wrong was reported.</summary>
    public bool Clean => Errors == 0 && Warnings == 0;

    /// <summary>The errors and warnings, as <c>errors=N warnings=M</c>; infos are left out.</summary>
    public override string ToString() => $"errors={Errors} warnings={Warnings}";
}
