namespace Engine.Resources;

/// <summary>Options chosen when a resource is created; they can be combined.</summary>
[Flags]
public enum ResourceFlags : byte
{
    /// <summary>No options: an ancestor's cascade takes the resource with the rest of its subtree.</summary>
    None = 0,

    /// <summary>Never destroyed by an ancestor's cascade: its owner must release it, and until then it blocks its ancestors.</summary>
    ExplicitRelease = 1,
}
