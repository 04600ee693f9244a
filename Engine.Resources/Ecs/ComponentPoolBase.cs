namespace Engine.Resources.Ecs;

/// <summary>
/// The untyped face of a <see cref="ComponentPool{T}"/>, used where the type is only known by id (destroying an
/// entity removes each of its components this way). An abstract class rather than an interface: the call is a plain
/// virtual call, with no interface dispatch stub on the destroy path.
/// </summary>
internal abstract class ComponentPool
{
    protected ComponentPool(int typeId) => TypeId = typeId;

    /// <summary>The component type id (<see cref="ComponentType{T}.Id"/>) of the pool's type.</summary>
    public int TypeId { get; }

    public abstract bool Has(int id);

    public abstract void Remove(int id);
}
