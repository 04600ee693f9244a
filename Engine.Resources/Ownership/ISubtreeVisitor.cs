using Engine.Resources.Ecs;

namespace Engine.Resources.Ownership;

/// <summary>What <see cref="Hierarchy.Walk{TVisitor}"/> calls for each node (a struct, so the call is direct).</summary>
internal interface ISubtreeVisitor
{
    /// <summary>Visits <paramref name="node"/>; returns whether to visit its children.</summary>
    bool Enter(Entity node);
}
