using Engine.Resources.Ecs;

namespace Engine.Resources.Ownership;

/// <summary>
/// The owner of an entity and its place among its siblings (an intrusive doubly linked list, so children cost no
/// allocation). Written only by <see cref="Hierarchy"/>, which keeps it consistent with the parent's <see cref="Children"/>.
/// </summary>
public struct Parent
{
    internal Entity Owner;
    internal Entity PreviousSibling;
    internal Entity NextSibling;

    /// <summary>The owning entity, or <see cref="Entity.Null"/> for a root.</summary>
    public readonly Entity Value => Owner;

    public readonly Entity Previous => PreviousSibling;

    public readonly Entity Next => NextSibling;
}
