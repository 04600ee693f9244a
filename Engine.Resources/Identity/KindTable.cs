using Engine.Resources.Destruction;
using Engine.Resources.Ecs;

namespace Engine.Resources.Identity;

/// <summary>The registered kinds, by payload component type id: display name, destroy callback, live count.</summary>
internal sealed class KindTable
{
    private readonly World _world;
    private ResourceKind?[] _kinds = new ResourceKind?[16];

    public KindTable(World world) => _world = world;

    public ResourceKind this[int typeId]
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _kinds[typeId]!;
    }

    /// <summary>The kind of payload <typeparamref name="T"/>; an unregistered type gets a kind named after it, with no callback.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ResourceKind For<T>() where T : struct
    {
        int type = ComponentType<T>.Id;
        if (type < _kinds.Length && _kinds[type] is { } kind)
        {
            return kind;
        }

        return Register<T>(typeof(T).Name, null);
    }

    public ResourceKind Register<T>(string name, Destroyer? destroyer) where T : struct
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        int type = ComponentType<T>.Id;
        if (type >= _kinds.Length)
        {
            Array.Resize(ref _kinds, Math.Max(type + 1, _kinds.Length * 2));
        }

        if (_kinds[type] is { LiveCount: > 0 } existing)
        {
            throw new InvalidOperationException(
                $"Cannot register kind {ResourceLabels.Quote(name)} for {typeof(T).Name}: {existing.LiveCount} {ResourceLabels.Escape(existing.Name)} resource(s) already exist. A kind may be registered again only while no resource of it lives (their destroy callback must not change under them); register kinds before creating resources.");
        }

        var kind = new ResourceKind(name, typeof(T), _world.Column<T>(), destroyer);
        _kinds[type] = kind;
        return kind;
    }

    /// <summary>Every registered kind (null entries skipped).</summary>
    public IEnumerable<ResourceKind> All => _kinds.OfType<ResourceKind>();
}
