namespace Engine.Resources.Ecs;

/// <summary>The untyped face of a <see cref="ComponentPool{T}"/>, used where the type is only known by id.</summary>
internal interface IComponentPool
{
    int Count { get; }

    bool Has(int id);

    void Remove(int id);
}
