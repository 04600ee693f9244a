using System.Runtime.CompilerServices;

namespace Engine.Resources.Ecs;

/// <summary>
/// A compact ECS world: generational entities, struct components in sparse-set pools, and paged columns for
/// components whose owner knows who has them. Entity bookkeeping lives here; components in World.Components.cs.
/// Not thread-safe, but for two things other threads may do: take a fresh id (<see cref="TakeFreshIdConcurrent"/>) for a
/// creation that becomes alive later on the owner thread, and ask <see cref="IsAlive"/>.
/// </summary>
internal sealed partial class World
{
    /// <summary>The most entities a world can hold at once (and so the highest id, exclusive).</summary>
    public const int MaxEntities = 1 << 28;

    // _versions[id] > 0: alive with that version. < 0: free, and -value is the version the next entity gets.
    // One compare therefore answers "is this entity alive" for any (id, version) pair.
    private int[] _versions = new int[64];
    private int[] _freeIds = new int[64];
    private int _freeCount;
    private int _highWater; // ids below this have been handed out at least once
    private int _aliveCount;

    /// <summary>How many entities are alive now: created (or reserved ones made alive) and not destroyed.</summary>
    public int AliveCount => _aliveCount;

    /// <summary>Ids below this have been used at least once; useful for sizing per-id side tables.</summary>
    public int Capacity => _highWater;

    /// <summary>Creates an entity with no components, reusing a free slot under a newer version when there is one.
    /// Throws <see cref="InvalidOperationException"/> when all <see cref="MaxEntities"/> ids are taken.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Entity Create()
    {
        if (_freeCount == 0)
        {
            return CreateFresh();
        }

        int id = _freeIds[--_freeCount];
        int version = -_versions[id];
        _versions[id] = version;
        _aliveCount++;
        return new Entity(id, version);
    }

    /// <summary>An entity in a slot never used before (the free list is empty).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Entity CreateFresh()
    {
        // Atomic: other threads may take fresh ids for creations that join later (TakeFreshIdConcurrent).
        int id = TakeFreshId();
        if (id >= _versions.Length)
        {
            GrowEntityTables(id + 1);
        }

        _versions[id] = 1;
        _aliveCount++;
        return new Entity(id, 1);
    }

    /// <summary>
    /// Any thread: an entity id never handed out before, for a creation that becomes alive later on the owner thread
    /// (<see cref="CreateReserved"/>). It is not alive until then.
    /// </summary>
    internal Entity TakeFreshIdConcurrent() => new(TakeFreshId(), 1);

    /// <summary>
    /// Owner thread: moves up to <paramref name="into"/>.Length free slots out of the free list, for creations on other
    /// threads; they stay dead (and their handles unusable) until <see cref="CreateReserved"/>. Returns how many.
    /// </summary>
    internal int TakeFreeIds(Span<Entity> into)
    {
        int taken = Math.Min(into.Length, _freeCount);
        for (int i = 0; i < taken; i++)
        {
            int id = _freeIds[--_freeCount];
            into[i] = new Entity(id, -_versions[id]);
        }

        return taken;
    }

    /// <summary>Owner thread: a reserved entity (free slot or fresh id) becomes alive with the version it was given.</summary>
    internal void CreateReserved(Entity entity)
    {
        if (entity.Id >= _versions.Length)
        {
            GrowEntityTables(entity.Id + 1);
        }

        if (_versions[entity.Id] > 0)
        {
            throw new InvalidOperationException($"Entity {entity} cannot become alive: slot {entity.Id} holds #{entity.Id}v{_versions[entity.Id]}.");
        }

        _versions[entity.Id] = entity.Version;
        _aliveCount++;
    }

    /// <summary>Owner thread: a reserved entity that will never become alive; its slot is free again, under a newer version.</summary>
    internal void ReleaseReserved(Entity entity)
    {
        if (entity.Id >= _versions.Length)
        {
            GrowEntityTables(entity.Id + 1);
        }

        _versions[entity.Id] = -(entity.Version + 1);
        if (_freeCount == _freeIds.Length)
        {
            Array.Resize(ref _freeIds, _freeIds.Length * 2);
        }

        _freeIds[_freeCount++] = entity.Id;
    }

    /// <summary>Whether the entity is alive in this world (its slot holds exactly its version); false for the null, a
    /// stale or a never-created entity. Never throws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAlive(Entity entity)
    {
        int[] versions = _versions; // another thread may see an old array during growth; values only move forward
        return (uint)entity.Id < (uint)versions.Length && versions[entity.Id] == entity.Version && entity.Version > 0;
    }

    /// <summary>Destroys the entity and every sparse-set component it has (paged columns are their owners' to clear);
    /// its slot is reused later with a new version.</summary>
    public void Destroy(Entity entity)
    {
        EnsureAlive(entity);
        DestroyAlive(entity);
    }

    /// <summary>
    /// Destroys an entity the caller knows is alive. Checked all the same: freeing a slot twice would put it on the
    /// free list twice and hand it to two entities, so a caller that is wrong fails here, loudly, before any change.
    /// </summary>
    internal void DestroyAlive(Entity entity)
    {
        if (!IsAlive(entity))
        {
            ThrowFreeingDead(entity);
        }

        if (_poolList.Count != 0)
        {
            RemoveAllComponents(entity.Id);
        }

        FreeSlot(entity);
    }

    /// <summary>
    /// Frees the slot of a live entity that has no sparse-set component (the registry's: its payload lives in a paged
    /// column its owner clears): version bumped, slot on the free list. The liveness check stays (one compare on a
    /// value read anyway): a slot freed twice would be handed to two entities.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void FreeSlot(Entity entity)
    {
        int id = entity.Id;
        int[] versions = _versions;
        if ((uint)id >= (uint)versions.Length || versions[id] != entity.Version || entity.Version <= 0)
        {
            ThrowFreeingDead(entity);
        }

        int next = entity.Version + 1;
        versions[id] = next == int.MaxValue ? -1 : -next; // wrap-around after 2^31 reuses of one slot: practically unreachable
        if (_freeCount == _freeIds.Length)
        {
            Array.Resize(ref _freeIds, _freeIds.Length * 2);
        }

        _freeIds[_freeCount++] = id;
        _aliveCount--;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowFreeingDead(Entity entity) => throw new InvalidOperationException(
        $"Entity {entity} cannot be destroyed: it is not alive ({DescribeDead(entity)}); freeing its slot again would hand it out twice.");

    /// <summary>Grows entity tables and the pools of the given component types for <paramref name="count"/> more entities.</summary>
    public void Reserve(int count)
    {
        if (count < 0 || count > MaxEntities - _highWater)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"count must be between 0 and {MaxEntities - _highWater:N0} (a world holds at most {MaxEntities:N0} entities).");
        }

        int needed = _highWater + count;
        if (needed > _versions.Length)
        {
            GrowEntityTables(needed);
        }

        if (needed > _freeIds.Length)
        {
            Array.Resize(ref _freeIds, needed);
        }
    }

    /// <summary>Whether slot <paramref name="id"/> (below <see cref="Capacity"/>) holds a live entity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsSlotAlive(int id)
    {
        // A fresh id another thread took for a creation that has not joined may lie beyond the tables: not alive.
        int[] versions = _versions;
        return (uint)id < (uint)versions.Length && versions[id] > 0;
    }

    /// <summary>What slot <paramref name="id"/> holds, as the version table says: a live entity's version (&gt; 0), or
    /// minus the version its next entity gets (&lt; 0: free), or 0 for a slot never used. For error messages.</summary>
    internal int SlotVersion(int id)
    {
        int[] versions = _versions;
        return (uint)id < (uint)versions.Length ? versions[id] : 0;
    }

    /// <summary>The live entity in slot <paramref name="id"/> (the caller knows the slot is in use).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Entity EntityAt(int id) => new(id, _versions[id]);

    /// <summary>Throws <see cref="StaleEntityException"/>, explained as by <see cref="DescribeDead"/>, unless the
    /// entity is alive.</summary>
    public void EnsureAlive(Entity entity)
    {
        if (!IsAlive(entity))
        {
            ThrowNotAlive(entity);
        }
    }

    /// <summary>Describes why <paramref name="entity"/> is not alive, naming it.</summary>
    public string DescribeDead(Entity entity)
    {
        if (entity.IsNull)
        {
            return $"Entity {entity} is the null entity.";
        }

        if (entity.Id < 0 || entity.Id >= _highWater || entity.Version <= 0)
        {
            return $"Entity {entity} never existed in this world.";
        }

        int current = entity.Id < _versions.Length ? _versions[entity.Id] : 0;
        if (current > 0)
        {
            return entity.Version < current
                ? $"Entity {entity} is stale: it was destroyed and slot {entity.Id} now holds #{entity.Id}v{current}."
                : $"Entity {entity} never existed in this world (slot {entity.Id} is at version {current}).";
        }

        return entity.Version < -current
            ? $"Entity {entity} is stale: it was destroyed (slot {entity.Id} is free)."
            : $"Entity {entity} never existed in this world (slot {entity.Id} never reached version {entity.Version}).";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNotAlive(Entity entity) => throw new StaleEntityException(entity, DescribeDead(entity));

    private int TakeFreshId()
    {
        int id = Interlocked.Increment(ref _highWater) - 1;
        if (id >= MaxEntities)
        {
            Interlocked.Decrement(ref _highWater);
            throw new InvalidOperationException($"The world is full: it holds at most {MaxEntities:N0} entities.");
        }

        return id;
    }

    private void GrowEntityTables(int minLength)
    {
        int length = Math.Max(minLength, _versions.Length * 2);
        Array.Resize(ref _versions, length);
    }
}
