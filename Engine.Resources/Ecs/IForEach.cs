namespace Engine.Resources.Ecs;

// Queries take these as struct type arguments, so the per-entity call is a direct, inlinable call, not a delegate.

/// <summary>Called once per entity that has a <typeparamref name="T1"/>.</summary>
public interface IForEach<T1> where T1 : struct
{
    void Update(Entity entity, ref T1 c1);
}

/// <summary>Called once per entity that has all of the component types.</summary>
public interface IForEach<T1, T2> where T1 : struct where T2 : struct
{
    void Update(Entity entity, ref T1 c1, ref T2 c2);
}

/// <summary>Called once per entity that has all of the component types.</summary>
public interface IForEach<T1, T2, T3> where T1 : struct where T2 : struct where T3 : struct
{
    void Update(Entity entity, ref T1 c1, ref T2 c2, ref T3 c3);
}
