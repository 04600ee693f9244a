using System.Runtime.CompilerServices;

namespace Engine.Resources.Ecs;

internal sealed partial class World
{
    // Sparse-set pools for components some entities have, by component type id; _poolList holds the created ones, so
    // destroying an entity asks only them (a world that has none, like the registry's, pays nothing).
    private ComponentPool?[] _pools = new ComponentPool?[16];
    private readonly List<ComponentPool> _poolList = [];

    // Paged columns for components whose owner knows which entities have them (registry payloads: the kind says it).
    private PagedColumn?[] _columns = new PagedColumn?[16];

    /// <summary>Adds a copy of <paramref name="component"/> to a live entity and returns a reference to the stored
    /// one, valid until the <typeparamref name="T"/> pool next changes (add, remove, reserve). Throws
    /// <see cref="StaleEntityException"/> if the entity is dead, <see cref="InvalidOperationException"/> if it already
    /// has a <typeparamref name="T"/>.</summary>
    public ref T Add<T>(Entity entity, in T component) where T : struct
    {
        EnsureAlive(entity);
        var pool = Pool<T>();
        if (pool.Has(entity.Id))
        {
            throw new InvalidOperationException(
                $"Entity {entity} already has a {typeof(T).Name} component; use Get to change it.");
        }

        return ref pool.Add(entity.Id, component);
    }

    /// <summary>Removes the entity's <typeparamref name="T"/>. Throws <see cref="StaleEntityException"/> if the entity
    /// is dead, <see cref="InvalidOperationException"/> if it has no <typeparamref name="T"/>.</summary>
    public void Remove<T>(Entity entity) where T : struct
    {
        EnsureAlive(entity);
        var pool = Pool<T>();
        if (!pool.Has(entity.Id))
        {
            throw new InvalidOperationException($"Entity {entity} has no {typeof(T).Name} component to remove.");
        }

        pool.Remove(entity.Id);
    }

    /// <summary>Whether the entity is alive and has a <typeparamref name="T"/>; false, never a throw, for a dead
    /// entity.</summary>
    public bool Has<T>(Entity entity) where T : struct => IsAlive(entity) && Pool<T>().Has(entity.Id);

    /// <summary>A reference to the entity's component; throws naming the entity if it is dead or lacks one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get<T>(Entity entity) where T : struct
    {
        if (!IsAlive(entity))
        {
            ThrowNotAlive(entity);
        }

        var pool = Pool<T>();
        if (!pool.Has(entity.Id))
        {
            ThrowMissing(entity, typeof(T));
        }

        return ref pool.Get(entity.Id);
    }

    /// <summary>The pool of <typeparamref name="T"/>, created on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ComponentPool<T> Pool<T>() where T : struct
    {
        int type = ComponentType<T>.Id;
        var pools = _pools;
        if ((uint)type < (uint)pools.Length && pools[type] is { } pool)
        {
            return Unsafe.As<ComponentPool<T>>(pool);
        }

        return CreatePool<T>(type);
    }

    /// <summary>The paged column of <typeparamref name="T"/>, created on first use. A column does not know which
    /// entities have a <typeparamref name="T"/>: its owner does (and clears an entry it gives up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal PagedColumn<T> Column<T>() where T : struct
    {
        int type = ComponentType<T>.Id;
        var columns = _columns;
        if ((uint)type < (uint)columns.Length && columns[type] is { } column)
        {
            return Unsafe.As<PagedColumn<T>>(column);
        }

        return CreateColumn<T>(type);
    }

    /// <summary>How many entities have a <typeparamref name="T"/>.</summary>
    public int Count<T>() where T : struct => Pool<T>().Count;

    private ComponentPool<T> CreatePool<T>(int type) where T : struct
    {
        if (type >= _pools.Length)
        {
            Array.Resize(ref _pools, Math.Max(type + 1, _pools.Length * 2));
        }

        var pool = new ComponentPool<T>();
        _pools[type] = pool;
        _poolList.Add(pool);
        return pool;
    }

    private PagedColumn<T> CreateColumn<T>(int type) where T : struct
    {
        if (type >= _columns.Length)
        {
            Array.Resize(ref _columns, Math.Max(type + 1, _columns.Length * 2));
        }

        var column = new PagedColumn<T>(type);
        _columns[type] = column;
        return column;
    }

    private void RemoveAllComponents(int id)
    {
        for (int i = 0; i < _poolList.Count; i++)
        {
            if (_poolList[i].Has(id))
            {
                _poolList[i].Remove(id);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMissing(Entity entity, Type type) =>
        throw new InvalidOperationException($"Entity {entity} has no {type.Name} component.");
}
