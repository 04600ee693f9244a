using System.Runtime.CompilerServices;

namespace Engine.Resources.Ecs;

internal sealed partial class World
{
    // Two 64-bit words per entity: which component types it has. Destroy visits only those pools.
    private const int MaskWords = ComponentType.MaxTypes / 64;

    private ulong[] _masks = new ulong[64 * MaskWords];
    private ComponentPool?[] _pools = new ComponentPool?[16];

    /// <summary>Adds a copy of <paramref name="component"/> to a live entity and returns a reference to the stored
    /// one, valid until the <typeparamref name="T"/> pool next changes (add, remove, reserve). Throws
    /// <see cref="StaleEntityException"/> if the entity is dead, <see cref="InvalidOperationException"/> if it already
    /// has a <typeparamref name="T"/>.</summary>
    public ref T Add<T>(Entity entity, in T component) where T : struct
    {
        EnsureAlive(entity);
        int type = ComponentType<T>.Id;
        if (HasType(entity.Id, type))
        {
            throw new InvalidOperationException(
                $"Entity {entity} already has a {typeof(T).Name} component; use Get to change it.");
        }

        SetMaskBit(entity.Id, type, true);
        return ref Pool<T>().Add(entity.Id, component);
    }

    /// <summary>Adds a component to an entity the caller just created (alive, without this component), through the
    /// pool the caller keeps: no checks, no pool lookup.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddToNew<T>(Entity entity, ComponentPool<T> pool, in T component) where T : struct
    {
        int typeId = pool.TypeId;
        _masks[(entity.Id * MaskWords) + (typeId >> 6)] |= 1UL << (typeId & 63);
        pool.Add(entity.Id, component);
    }

    /// <summary>Removes the entity's <typeparamref name="T"/>. Throws <see cref="StaleEntityException"/> if the entity
    /// is dead, <see cref="InvalidOperationException"/> if it has no <typeparamref name="T"/>.</summary>
    public void Remove<T>(Entity entity) where T : struct
    {
        EnsureAlive(entity);
        int type = ComponentType<T>.Id;
        if (!HasType(entity.Id, type))
        {
            throw new InvalidOperationException($"Entity {entity} has no {typeof(T).Name} component to remove.");
        }

        SetMaskBit(entity.Id, type, false);
        Pool<T>().Remove(entity.Id);
    }

    /// <summary>Whether the entity is alive and has a <typeparamref name="T"/>; false, never a throw, for a dead
    /// entity.</summary>
    public bool Has<T>(Entity entity) where T : struct =>
        IsAlive(entity) && HasType(entity.Id, ComponentType<T>.Id);

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

    /// <summary>Whether the entity with this id has the component type <paramref name="typeId"/>. No liveness check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool HasType(int id, int typeId) => (_masks[(id * MaskWords) + (typeId >> 6)] & (1UL << (typeId & 63))) != 0;

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

    /// <summary>Grows the pool of <typeparamref name="T"/> so that ids below <paramref name="maxId"/> and this many components fit.</summary>
    public void ReservePool<T>(int maxId, int count) where T : struct => Pool<T>().Reserve(maxId, count);

    /// <summary>How many entities have a <typeparamref name="T"/>.</summary>
    public int Count<T>() where T : struct => Pool<T>().Count;

    /// <summary>
    /// Stores <typeparamref name="T"/> as a column indexed by entity id instead of a sparse set: the right layout for a
    /// component (nearly) every entity has, since access is then a single index. Call before the first use of the type.
    /// </summary>
    public void UseColumnStorage<T>() where T : struct
    {
        int type = ComponentType<T>.Id;
        if (type < _pools.Length && _pools[type] is not null)
        {
            if (Pool<T>().IsColumn)
            {
                return;
            }

            throw new InvalidOperationException($"{typeof(T).Name} is already stored as a sparse set in this world.");
        }

        CreatePool<T>(type, isColumn: true);
    }

    private ComponentPool<T> CreatePool<T>(int type, bool isColumn = false) where T : struct
    {
        if (type >= _pools.Length)
        {
            Array.Resize(ref _pools, Math.Max(type + 1, _pools.Length * 2));
        }

        var pool = new ComponentPool<T>(isColumn);
        _pools[type] = pool;
        return pool;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetMaskBit(int id, int typeId, bool value)
    {
        ref ulong word = ref _masks[(id * MaskWords) + (typeId >> 6)];
        ulong bit = 1UL << (typeId & 63);
        word = value ? word | bit : word & ~bit;
    }

    private void RemoveAllComponents(int id)
    {
        for (int w = 0; w < MaskWords; w++)
        {
            ref ulong word = ref _masks[(id * MaskWords) + w];
            ulong bits = word;
            while (bits != 0)
            {
                int bit = System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                _pools[(w * 64) + bit]!.Remove(id);
            }

            word = 0;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMissing(Entity entity, Type type) =>
        throw new InvalidOperationException($"Entity {entity} has no {type.Name} component.");
}
