namespace Engine.Resources.Ecs;

// Queries take these as struct type arguments, so the per-entity call is a direct, inlinable call, not a delegate.

/// <summary>Called once per entity that has a <typeparamref name="T1"/>.</summary>
internal interface IForEach<T1> where T1 : struct
{
    /// <summary>Visits one matching entity. <paramref name="c1"/> refers to the stored component, so assignments
    /// change it; structural changes (create, destroy, add, remove) are not allowed here.</summary>
    void Update(Entity entity, ref T1 c1);
}

/// <summary>Called once per entity that has all of the component types.</summary>
internal interface IForEach<T1, T2> where T1 : struct where T2 : struct
{
    /// <summary>Visits one matching entity. The components are references to the stored ones, so assignments change
    /// them; structural changes (create, destroy, add, remove) are not allowed here.</summary>
    void Update(Entity entity, ref T1 c1, ref T2 c2);
}

/// <summary>Called once per entity that has all of the component types.</summary>
internal interface IForEach<T1, T2, T3> where T1 : struct where T2 : struct where T3 : struct
{
    /// <summary>Visits one matching entity. The components are references to the stored ones, so assignments change
    /// them; structural changes (create, destroy, add, remove) are not allowed here.</summary>
    void Update(Entity entity, ref T1 c1, ref T2 c2, ref T3 c3);
}
