using System.Runtime.CompilerServices;
using Engine.Resources.Destruction;
using Engine.Resources.Ecs;
using Engine.Resources.Lifecycle;
using Engine.Resources.Logging;
using Engine.Resources.Ownership;
using Serilog;

namespace Engine.Resources;

/// <summary>
/// The resource registry: every resource is an entity of an ECS <see cref="Ecs.World"/> with a payload component,
/// <see cref="Parent"/>/<see cref="Children"/> links, identity and lifecycle. Owned by one thread (the one that
/// creates it): everything but <see cref="RequestDestroy"/> and <see cref="IsAlive"/> must be called there.
/// Split by concern: creation and ownership (ResourceRegistry.Create.cs), destruction (ResourceRegistry.Destroy.cs),
/// read-only queries (ResourceRegistry.Queries.cs), shutdown (ResourceRegistry.Shutdown.cs).
/// </summary>
public sealed partial class ResourceRegistry : IDisposable
{
    private readonly int _ownerThread;
    private readonly Action? _waitForGpuIdle;
    private readonly ComponentPool<ResourceMeta> _meta;
    private readonly DestroyRequestQueue _requests = new();
    private readonly DestructionSystem _destruction;
    private ResourceKind?[] _kinds = new ResourceKind?[16];
    private long _frame;
    private TeardownReport? _teardown;

    /// <param name="logger">Receives structured events (destroyed: Verbose, blocked: Debug, leak: Warning,
    /// faulted: Error). Silent when null.</param>
    /// <param name="waitForGpuIdle">Called by <see cref="Shutdown"/> before anything is destroyed (e.g. vkDeviceWaitIdle).</param>
    public ResourceRegistry(ILogger? logger = null, Action? waitForGpuIdle = null)
    {
        _ownerThread = Environment.CurrentManagedThreadId;
        _waitForGpuIdle = waitForGpuIdle;
        World = new World();

        // Every resource has these: store them by entity id, so reaching them is one array index.
        World.UseColumnStorage<Parent>();
        World.UseColumnStorage<Children>();
        World.UseColumnStorage<ResourceMeta>();
        World.UseColumnStorage<LifecycleRecord>();
        Hierarchy = new Hierarchy(World, Describe);
        Lifecycle = new ResourceLifecycle(World);
        _meta = World.Pool<ResourceMeta>();
        Log = new RegistryLog(logger);
        _destruction = new DestructionSystem(this, _requests);
    }

    /// <summary>The number of updates run so far; stamped on resources as their creation frame.</summary>
    public long Frame => _frame;

    /// <summary>The highest completed GPU timeline value passed to <see cref="Update(ulong)"/>.</summary>
    public ulong CompletedGpuValue => _destruction.CompletedGpuValue;

    /// <summary>Live resources.</summary>
    public int Count => _meta.Count;

    public bool IsDisposed => _teardown is not null;

    internal World World { get; }

    internal Hierarchy Hierarchy { get; }

    internal ResourceLifecycle Lifecycle { get; }

    internal RegistryLog Log { get; }

    internal ResourceNames Names { get; } = new();

    /// <summary>
    /// Names the kind of payload <typeparamref name="T"/> (for logs, snapshots and errors) and says how to destroy it.
    /// Register before creating resources of that type. Unregistered payload types are named after the type and
    /// have no callback (the resource is just removed).
    /// </summary>
    public void RegisterKind<T>(string kind, DestroyCallback<T>? destroy = null) where T : struct =>
        SetKind<T>(kind, destroy is null ? null : new Destroyer<T>(World, destroy));

    /// <summary>
    /// As <see cref="RegisterKind{T}(string, DestroyCallback{T})"/>, with a callback that also receives the nearest
    /// ancestor whose payload is a <typeparamref name="TContext"/> (e.g. the device a buffer is destroyed with).
    /// Creating a <typeparamref name="T"/> with no such ancestor is rejected.
    /// </summary>
    public void RegisterKind<T, TContext>(string kind, DestroyCallback<T, TContext> destroy)
        where T : struct
        where TContext : struct =>
        SetKind<T>(kind, new Destroyer<T, TContext>(World, destroy));

    /// <summary>Grows internal tables for <paramref name="count"/> more resources of payload <typeparamref name="T"/>,
    /// so that creating them does not allocate (useful before a timed region).</summary>
    public void Reserve<T>(int count) where T : struct
    {
        CheckOwner();
        World.Reserve(count);
        int maxId = World.Capacity + count;
        int total = Count + count;
        World.ReservePool<T>(maxId, World.Count<T>() + count);
        World.ReservePool<Parent>(maxId, total);
        World.ReservePool<Children>(maxId, total);
        World.ReservePool<ResourceMeta>(maxId, total);
        World.ReservePool<LifecycleRecord>(maxId, total);
        _requests.Reserve(maxId);
        Names.Reserve(maxId);
    }

    internal ResourceKind KindOf(int typeId) => _kinds[typeId]!;

    /// <summary>The nearest ancestor of <paramref name="entity"/> that has component type <paramref name="typeId"/>.</summary>
    internal Entity FindContext(Entity entity, int typeId) => FindContextFrom(Hierarchy.ParentOf(entity), typeId);

    internal Entity FindContextFrom(Entity start, int typeId)
    {
        for (Entity e = start; !e.IsNull; e = Hierarchy.ParentOf(e))
        {
            if (World.HasType(e.Id, typeId))
            {
                return e;
            }
        }

        return Entity.Null;
    }

    /// <summary>Takes a destroyed (or abandoned) resource out of the world; returns its former parent.</summary>
    internal Entity Remove(Entity entity, ResourceKind kind)
    {
        Entity parent = Hierarchy.Detach(entity);
        Lifecycle.Forget(entity);
        kind.LiveCount--;
        Names.Set(entity.Id, null);
        World.DestroyAlive(entity);
        return parent;
    }

    private ResourceKind KindFor<T>() where T : struct
    {
        int type = ComponentType<T>.Id;
        if (type < _kinds.Length && _kinds[type] is { } kind)
        {
            return kind;
        }

        return SetKind<T>(typeof(T).Name, null);
    }

    private ResourceKind SetKind<T>(string name, Destroyer? destroyer) where T : struct
    {
        CheckOwner();
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        int type = ComponentType<T>.Id;
        if (type >= _kinds.Length)
        {
            Array.Resize(ref _kinds, Math.Max(type + 1, _kinds.Length * 2));
        }

        if (_kinds[type] is { LiveCount: > 0 } existing)
        {
            throw new InvalidOperationException(
                $"Cannot register kind '{name}' for {typeof(T).Name}: {existing.LiveCount} {existing.Name} resource(s) already exist. Register kinds before creating resources.");
        }

        var kind = new ResourceKind(name, typeof(T), World.Pool<T>(), destroyer);
        _kinds[type] = kind;
        return kind;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckOwner()
    {
        if (Environment.CurrentManagedThreadId != _ownerThread)
        {
            ThrowWrongThread();
        }

        if (_teardown is not null)
        {
            ThrowDisposed();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongThread() => throw new InvalidOperationException(
        $"The resource registry is owned by thread {_ownerThread}; thread {Environment.CurrentManagedThreadId} may only call RequestDestroy and IsAlive.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(ResourceRegistry), "The resource registry was shut down.");
}
