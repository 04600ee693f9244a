using Engine.Resources.Ecs;

namespace Engine.Resources.Identity;

/// <summary>
/// Who a resource is, apart from its payload and links: its kind, debug name, flags, creation frame and size, and the
/// handle the registry gives out for it. Errors, logs, reports and snapshots all name resources through
/// <see cref="Describe"/>, which uses the one formatter, <see cref="ResourceLabels"/>.
/// </summary>
internal sealed class ResourceIdentity
{
    private readonly ComponentPool<ResourceRecord> _records;

    public ResourceIdentity(World world, int registryId)
    {
        RegistryId = registryId;
        Kinds = new KindTable(world);
        _records = world.Pool<ResourceRecord>();
    }

    /// <summary>Stamped into every handle this registry gives out, so a handle from another registry is recognised.</summary>
    public int RegistryId { get; }

    public KindTable Kinds { get; }

    public ResourceNames Names { get; } = new();

    public ResourceHandle Handle(Entity entity) => entity.IsNull ? ResourceHandle.Null : new ResourceHandle(entity, RegistryId);

    public ref ResourceMeta MetaOf(Entity entity) => ref _records.Get(entity.Id).Meta;

    public ResourceKind KindOf(Entity entity) => Kinds[_records.Get(entity.Id).Meta.TypeId];

    public string? NameOf(Entity entity) => Names[entity.Id];

    public bool IsExplicitRelease(Entity entity) => (_records.Get(entity.Id).Meta.Flags & ResourceFlags.ExplicitRelease) != 0;

    /// <summary><c>Kind "name" #idvN</c> of a live resource.</summary>
    public string Describe(Entity entity) => ResourceLabels.Format(KindOf(entity).Name, Names[entity.Id], entity.Id, entity.Version);

    /// <summary>Gives a just-created resource (its record already added) its identity.</summary>
    public void Add(Entity entity, ResourceKind kind, string? name, ResourceFlags flags, long frame)
    {
        _records.Get(entity.Id).Meta = new ResourceMeta { TypeId = kind.TypeId, Flags = flags, CreationFrame = frame };
        Names.Set(entity.Id, name);
        kind.LiveCount++;
    }

    /// <summary>The resource leaves the world: its name is dropped and its kind counts one fewer.</summary>
    public void Forget(Entity entity, ResourceKind kind)
    {
        kind.LiveCount--;
        Names.Set(entity.Id, null);
    }
}
