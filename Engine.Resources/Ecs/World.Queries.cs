namespace Engine.Resources.Ecs;

/// <summary>
/// Queries walk the ids of the first component type and look the others up by id. Structural changes
/// (create, destroy, add, remove) during a query are not allowed: record them in a <see cref="CommandBuffer"/>.
/// </summary>
internal sealed partial class World
{
    /// <summary>Calls <paramref name="forEach"/> once per entity that has a <typeparamref name="T1"/>, in no promised
    /// order. It is passed by reference, so state it gathers is the caller's afterwards.</summary>
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

    /// <summary>Calls <paramref name="forEach"/> once per entity that has both component types, in no promised order.
    /// It walks the <typeparamref name="T1"/> pool, so the rarer type first is the faster query.</summary>
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

    /// <summary>Calls <paramref name="forEach"/> once per entity that has all three component types, in no promised
    /// order. It walks the <typeparamref name="T1"/> pool, so the rarest type first is the faster query.</summary>
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
