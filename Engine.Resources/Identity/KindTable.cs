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

    /// <summary>
    /// The kind of payload <typeparamref name="T"/>, which must have been registered: a type nobody registered would
    /// have no destroy callback by accident, and its resources would leave the registry with nothing destroyed. The
    /// refusal names <paramref name="member"/>, the call that tried to create one.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ResourceKind For<T>(string member) where T : struct
    {
        int type = ComponentType<T>.Id;
        if (type < _kinds.Length && _kinds[type] is { } kind)
        {
            return kind;
        }

        throw Unregistered<T>(member);
    }

    /// <summary>
    /// Any thread (a creation begun on a loader thread): throws as <see cref="For{T}"/> does unless
    /// <typeparamref name="T"/> is registered. Kinds are registered on the owner thread and never removed, so a kind
    /// seen here is still there when the creation joins; one registered at this very moment may not be seen yet.
    /// </summary>
    public void EnsureRegistered<T>(string member) where T : struct
    {
        int type = ComponentType<T>.Id;
        ResourceKind?[] kinds = Volatile.Read(ref _kinds);
        if (type >= kinds.Length || Volatile.Read(ref kinds[type]) is null)
        {
            throw Unregistered<T>(member);
        }
    }

    /// <summary>Owner thread: whether payload type <paramref name="typeId"/> has a kind.</summary>
    public bool IsRegistered(int typeId) => typeId < _kinds.Length && _kinds[typeId] is not null;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static InvalidOperationException Unregistered<T>(string member)
    {
        string type = typeof(T).Name;
        return new InvalidOperationException(
            $"{member}<{type}>: payload type {type} is not a registered kind; register it with RegisterKind<{type}>(\"Name\") first (a kind with no destroy callback, such as a scope, registers without one).");
    }

    /// <summary>
    /// Gives payload <typeparamref name="T"/> its kind, or replaces it while no resource of it lives (their destroy
    /// callback must not change under them). <paramref name="member"/> is the public call, for the errors.
    /// </summary>
    public ResourceKind Register<T>(string name, Destroyer? destroyer, string member) where T : struct
    {
        string type = typeof(T).Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            // "kind" is the public parameter's name (RegisterKind's), not this method's.
            string message = $"{member}<{type}>: the kind name is {(name is null ? "null" : "empty")}; give the kind the name logs, errors and snapshots show.";
            throw name is null ? new ArgumentNullException("kind", message) : new ArgumentException(message, "kind");
        }

        int typeId = ComponentType<T>.Id;
        if (typeId >= _kinds.Length)
        {
            Array.Resize(ref _kinds, Math.Max(typeId + 1, _kinds.Length * 2));
        }

        if (_kinds[typeId] is { LiveCount: > 0 } existing)
        {
            throw new InvalidOperationException(
                $"{member}<{type}>({ResourceLabels.Quote(name)}): payload type {type} is already registered as kind {ResourceLabels.Quote(existing.Name)} and {existing.LiveCount:N0} resource(s) of it live; a payload type's kind (name and destroy callback) can be replaced only while none of its resources lives, so register each kind once, before creating resources of it.");
        }

        var kind = new ResourceKind(name, typeof(T), _world.Column<T>(), destroyer);
        _kinds[typeId] = kind;
        return kind;
    }

    /// <summary>Every registered kind (null entries skipped).</summary>
    public IEnumerable<ResourceKind> All => _kinds.OfType<ResourceKind>();
}
