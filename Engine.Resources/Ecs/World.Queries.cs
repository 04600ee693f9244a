namespace Engine.Resources.Ecs;

/// <summary>
/// Queries walk the ids of the first component type and look the others up by id. Structural changes
/// (create, destroy, add, remove) during a query are not allowed: record them in a <see cref="CommandBuffer"/>.
/// </summary>
public sealed partial class World
{
    public void Query<T1, TForEach>(ref TForEach forEach)
        where T1 : struct
        where TForEach : struct, IForEach<T1>
    {
        var pool = Pool<T1>();
        foreach (int id in pool.GetIds())
        {
            forEach.Update(new Entity(id, _versions[id]), ref pool.Get(id));
        }
    }

    public void Query<T1, T2, TForEach>(ref TForEach forEach)
        where T1 : struct
        where T2 : struct
        where TForEach : struct, IForEach<T1, T2>
    {
        var pool = Pool<T1>();
        var pool2 = Pool<T2>();
        foreach (int id in pool.GetIds())
        {
            if (pool2.Has(id))
            {
                forEach.Update(new Entity(id, _versions[id]), ref pool.Get(id), ref pool2.Get(id));
            }
        }
    }

    public void Query<T1, T2, T3, TForEach>(ref TForEach forEach)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where TForEach : struct, IForEach<T1, T2, T3>
    {
        var pool = Pool<T1>();
        var pool2 = Pool<T2>();
        var pool3 = Pool<T3>();
        foreach (int id in pool.GetIds())
        {
            if (pool2.Has(id) && pool3.Has(id))
            {
                forEach.Update(new Entity(id, _versions[id]), ref pool.Get(id), ref pool2.Get(id), ref pool3.Get(id));
            }
        }
    }
}
