using Engine.Resources.Ecs;

namespace Engine.Resources.Ownership;

/// <summary>
/// The head of an entity's child list (see <see cref="Parent"/> for the links). Written only by <see cref="Hierarchy"/>.
/// </summary>
public struct Children
{
    internal Entity FirstChild;
    internal Entity LastChild;
    internal int ChildCount;

    public readonly Entity First => FirstChild;

    public readonly Entity Last => LastChild;

    public readonly int Count => ChildCount;
}
