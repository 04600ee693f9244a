using System.Diagnostics;
using System.Runtime.CompilerServices;
using Engine.Resources.Ecs;

namespace Engine.Resources.Identity;

/// <summary>
/// Who a resource is, apart from its payload and links: its kind, debug name, flags, destroy context, creation frame
/// and size, and the handle the registry gives out for it. Kind, flags and context are hot (in the record); the rest
/// is cold, in side arrays that the destroy path never touches. Errors, logs, reports and snapshots all name resources
/// through <see cref="Describe"/>, which uses the one formatter, <see cref="ResourceLabels"/>.
/// </summary>
internal sealed class ResourceIdentity
{
    private readonly ResourceRecords _records;

    // Cold, by slot. Frames are 32-bit (2^31 frames is a year at 60 fps; later ones are stored as int.MaxValue);
    // sizes are grown only as far as a sized resource reaches, so a registry that never sets one pays nothing.
    private int[] _creationFrames = new int[64];
    private long[] _sizes = [];

    public ResourceIdentity(World world, ResourceRecords records, int registryId)
    {
        RegistryId = registryId;
        Kinds = new KindTable(world);
        _records = records;
        Freed = new FreedSlotLabels(world, records, Kinds, Names);
    }

    /// <summary>Stamped into every handle this registry gives out, so a handle from another registry is recognised.</summary>
    public int RegistryId { get; }

    public KindTable Kinds { get; }

    public ResourceNames Names { get; } = new();

    /// <summary>Where placed resources sit in their containers (cold, placed resources only).</summary>
    public Placements Placements { get; } = new();

    /// <summary>What a freed slot still says about its last resource, for a stale handle's error.</summary>
    public FreedSlotLabels Freed { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ResourceHandle Handle(Entity entity) => entity.IsNull ? ResourceHandle.Null : new ResourceHandle(entity, RegistryId);

    public ResourceKind KindOf(Entity entity) => KindAt(entity.Id);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ResourceKind KindAt(int slot) => Kinds[_records[slot].Meta.TypeId];

    public ResourceFlags FlagsOf(Entity entity) => _records[entity.Id].Meta.Flags;

    public string? NameOf(Entity entity) => Names[entity.Id];

    public long CreationFrameOf(Entity entity) => _creationFrames[entity.Id];

    public long SizeOf(Entity entity) => (uint)entity.Id < (uint)_sizes.Length ? _sizes[entity.Id] : 0;

    public bool IsExplicitRelease(Entity entity) => IsExplicitReleaseSlot(entity.Id);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsExplicitReleaseSlot(int slot) => (_records[slot].Meta.Flags & ResourceFlags.ExplicitRelease) != 0;

    /// <summary>The slot + 1 of the resource's destroy context (0 when its callback needs none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ContextSlotOf(int slot) => _records[slot].Meta.Context;

    /// <summary><c>Kind "name" #idvN</c> of a live resource.</summary>
    public string Describe(Entity entity) => ResourceLabels.Format(KindOf(entity).Name, Names[entity.Id], entity.Id, entity.Version);

    /// <summary>Gives a just-created resource (its record reset) its identity; <paramref name="context"/> is the
    /// ancestor its destroy callback receives (null when it needs none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Entity entity, ResourceKind kind, string? name, ResourceFlags flags, long frame, Entity context)
    {
        ref ResourceMeta meta = ref _records[entity.Id].Meta;
        meta.TypeId = (ushort)kind.TypeId;
        meta.Flags = flags;
        meta.Context = context.IsNull ? 0 : context.Id + 1;
        int id = entity.Id;
        if ((uint)id >= (uint)_creationFrames.Length)
        {
            GrowFrames(id + 1);
        }

        _creationFrames[id] = frame > int.MaxValue ? int.MaxValue : (int)frame;
        if (name is not null || Names.AnyNamed)
        {
            Names.Set(id, name);
        }

        kind.LiveCount++;
    }

    /// <summary>The resource's destroy context changed (it or an ancestor moved).</summary>
    public void SetContext(Entity entity, Entity context) => _records[entity.Id].Meta.Context = context.IsNull ? 0 : context.Id + 1;

    public void SetSize(Entity entity, long bytes)
    {
        if (entity.Id >= _sizes.Length)
        {
            if (bytes == 0)
            {
                return;
            }

            Array.Resize(ref _sizes, Math.Max(entity.Id + 1, Math.Max(64, _sizes.Length * 2)));
        }

        _sizes[entity.Id] = bytes;
    }

    /// <summary>
    /// The resource leaves the world: its size and placement are dropped and its kind counts one fewer. Its kind (the record's type
    /// id) and its name stay in the slot until the slot's next resource overwrites them, so that a stale handle's error
    /// can still say what the handle named (<see cref="FreedSlotLabels"/>); keeping them costs the destroy path nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Forget(int slot, ResourceKind kind)
    {
        Debug.Assert(kind.LiveCount > 0, $"no live {kind.Name} to forget");
        kind.LiveCount--;
        if ((uint)slot < (uint)_sizes.Length)
        {
            _sizes[slot] = 0;
        }

        Placements.Forget(slot);

        if (kind.ClearsPayloadOnRelease)
        {
            kind.Payloads.Release(slot);
        }
    }

    /// <summary>Room for slots below <paramref name="maxId"/>, so that creating them does not allocate.</summary>
    public void Reserve(int maxId)
    {
        if (maxId > _creationFrames.Length)
        {
            GrowFrames(maxId);
        }

        Names.Reserve(maxId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowFrames(int minLength) => Array.Resize(ref _creationFrames, Math.Max(minLength, _creationFrames.Length * 2));
}
