namespace Engine.Resources;

/// <summary>How far a destruction request (<see cref="ResourceRegistry.RequestDestroy"/>) reaches.
/// <see cref="Cascade"/> is the stronger: it upgrades an earlier <see cref="Block"/> request.</summary>
public enum DestroyMode : byte
{
    /// <summary>Destroy the resource once it has no live children; until then it stays pending, blocked.</summary>
    Block = 1,

    /// <summary>Also request the destruction of its whole subtree (except explicit-release resources); leaves go first.</summary>
    Cascade = 2,
}
