namespace Engine.Resources.Ownership;

/// <summary>What <see cref="Hierarchy.WalkBelow{TVisitor}"/> calls for each node, by slot (a struct, so the calls are
/// direct).</summary>
internal interface IPostOrderVisitor
{
    /// <summary>Whether to visit the children of <paramref name="slot"/> (called only when it has some) before leaving it.</summary>
    bool Descend(int slot);

    /// <summary>Leaves <paramref name="slot"/>, whose visited children have all been left. The visitor may remove it
    /// from the forest here (<see cref="Hierarchy.RemoveLeaf"/>): the walker has already read where it goes next.</summary>
    void Leave(int slot);
}
