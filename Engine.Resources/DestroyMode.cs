namespace Engine.Resources;

public enum DestroyMode : byte
{
    /// <summary>Destroy the resource once it has no live children; until then it stays pending, blocked.</summary>
    Block = 1,

    /// <summary>Also request the destruction of its whole subtree (except explicit-release resources); leaves go first.</summary>
    Cascade = 2,
}
