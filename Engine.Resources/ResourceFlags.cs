namespace Engine.Resources;

[Flags]
public enum ResourceFlags : byte
{
    None = 0,

    /// <summary>Never destroyed by an ancestor's cascade: its owner must release it, and until then it blocks its ancestors.</summary>
    ExplicitRelease = 1,
}
