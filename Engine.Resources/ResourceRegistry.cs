using System.Runtime.CompilerServices;
using Engine.Resources.Destruction;
using Engine.Resources.Ecs;
using Engine.Resources.Identity;
using Engine.Resources.Lifecycle;
using Engine.Resources.Logging;
using Engine.Resources.Ownership;
using Serilog;

namespace Engine.Resources;

/// <summary>
/// The resource registry: every resource is an entity of an ECS <see cref="Ecs.World"/> with a payload component,
/// parent/children links, identity and lifecycle.
/// <para>
/// <b>Threads.</b> The registry is owned by the thread that creates it. <see cref="RequestDestroy"/>,
/// <see cref="IsAlive"/>, <see cref="IsDisposed"/> and the counters <see cref="Count"/>, <see cref="Frame"/> and
/// <see cref="CompletedGpuValue"/> may be used from any thread, and so may <see cref="BeginCreate{T}"/>; every other
/// member, reads included, throws an <see cref="InvalidOperationException"/> when called elsewhere, naming the call,
/// both threads and what the calling thread can do instead.
/// </para>
/// <para>
/// <b>Reentrancy.</b> While a destroy callback runs, it may read the registry (every query), call
/// <see cref="RequestDestroy"/> (recorded at once, destroyed at a later update, never in the running one),
/// <see cref="MarkInUse(ResourceHandle, ulong)"/> and <see cref="SetSizeBytes"/>. Everything else — <see cref="Update(ulong)"/>,
/// <see cref="Shutdown"/>, <see cref="Dispose"/>, <see cref="Create{T}"/>, <see cref="SetParent"/>, <see cref="AddDependency"/>,
/// <see cref="RemoveDependency"/>, <see cref="SetPlacement"/>,
/// <see cref="RetryDestroy"/>, <see cref="Abandon"/>, <see cref="RegisterKind{T}(string, DestroyCallback{T})"/>,
/// <see cref="Reserve{T}"/> — throws an <see cref="InvalidOperationException"/> naming the resource whose callback
/// runs, and changes nothing.
/// </para>
/// <para>
/// <b>After <see cref="Shutdown"/></b>: <see cref="IsAlive"/> is false for every handle, <see cref="RequestDestroy"/>
/// reports <see cref="DestroyRequestResult.Stale"/>, <see cref="Shutdown"/> returns the same report and
/// <see cref="Dispose"/> does nothing; every other member throws <see cref="ObjectDisposedException"/>.
/// </para>
/// Split by concern: creation and ownership (ResourceRegistry.Create.cs), destruction (ResourceRegistry.Destroy.cs),
/// read-only queries (ResourceRegistry.Queries.cs), placements (ResourceRegistry.Placement.cs), shutdown (ResourceRegistry.Shutdown.cs), the thread and
/// reentrancy rules (ResourceRegistry.Guards.cs).
/// </summary>
public sealed partial class ResourceRegistry : IDisposable
{
    /// <summary>The most resources one registry can hold (and so the most <see cref="Reserve{T}"/> accepts).</summary>
    public const int MaxResources = World.MaxEntities;

    /// <summary>The largest size <see cref="SetSizeBytes"/> accepts: 1 TiB, so that sums over any forest fit in a long.</summary>
    public const long MaxSizeBytes = 1L << 40;

    private static int s_lastRegistryId;

    private readonly Action? _waitForGpuIdle;
    private readonly ResourceRecords _records = new();
    private readonly DestroyRequestQueue _requests = new();
    private readonly DestructionSystem _destruction;
    private readonly ResourceIdentity _identity;
    private readonly int _registryId;
    private TeardownReport? _teardown;

    /// <param name="logger">Receives structured events (destroyed: Verbose, blocked: Debug, leak: Warning,
    /// faulted: Error). Silent when null.</param>
    /// <param name="waitForGpuIdle">Called by <see cref="Shutdown"/> before anything is destroyed (e.g. vkDeviceWaitIdle).</param>
    public ResourceRegistry(ILogger? logger = null, Action? waitForGpuIdle = null)
    {
        _ownerThread = Environment.CurrentManagedThreadId;
        _waitForGpuIdle = waitForGpuIdle;
        _registryId = Interlocked.Increment(ref s_lastRegistryId);
        World = new World();
        _identity = new ResourceIdentity(World, _records, _registryId);
        Hierarchy = new Hierarchy(World, _records, _identity.Describe);
        Lifecycle = new ResourceLifecycle(_records);
        Dependencies = new Dependencies(World, Hierarchy);
        Log = new RegistryLog(logger);
        _destruction = new DestructionSystem(World, _records, Hierarchy, Dependencies, Lifecycle, _identity, Log, _requests, _creations);
    }

    /// <summary>The library's version (one for all the packages), as written in snapshot headers.</summary>
    public static string Version => Snapshots.SnapshotFormat.WriterVersion;

    /// <summary>The number of updates run so far; stamped on resources as their creation frame. Any thread.</summary>
    public long Frame => _destruction.Frame;

    /// <summary>The highest completed GPU timeline value passed to <see cref="Update(ulong)"/>. Any thread.</summary>
    public ulong CompletedGpuValue => _destruction.CompletedGpuValue;

    /// <summary>Live resources. Any thread (exact on the owner thread).</summary>
    public int Count => World.AliveCount;

    /// <summary>
    /// Identifies this registry among all registries of all processes (random at construction). Snapshots carry it,
    /// so tools refuse to compare snapshots of two unrelated registries. Any thread.
    /// </summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Whether <see cref="Shutdown"/> (or <see cref="Dispose"/>) has run. Any thread.</summary>
    public bool IsDisposed => IsShutDown;

    internal World World { get; }

    internal Hierarchy Hierarchy { get; }

    internal ResourceLifecycle Lifecycle { get; }

    internal Dependencies Dependencies { get; }

    internal RegistryLog Log { get; }


    /// <summary>
    /// Names the kind of payload <typeparamref name="T"/> (for logs, snapshots and errors) and says how to destroy it.
    /// Every payload type is registered once, before the first resource of it is created: <see cref="Create{T}"/> and
    /// <see cref="BeginCreate{T}"/> refuse a type that was not, so that no resource is ever removed without the destroy
    /// call it needed because a registration was forgotten. A kind with nothing to destroy (a per-frame scope that
    /// only groups resources, say) is registered without a callback: <c>RegisterKind&lt;FrameScope&gt;("FrameScope")</c>.
    /// Registering <typeparamref name="T"/> again replaces its kind, and is refused (<see cref="InvalidOperationException"/>,
    /// nothing changes) while a resource of it lives: its destroy callback must not change under it.
    /// </summary>
    public void RegisterKind<T>(string kind, DestroyCallback<T>? destroy = null) where T : struct
    {
        CheckMutable();
        AddKind<T>(kind, destroy is null ? null : new Destroyer<T>(World, destroy));
    }

    /// <summary>
    /// As <see cref="RegisterKind{T}(string, DestroyCallback{T})"/>, with a callback that also receives the nearest
    /// ancestor whose payload is a <typeparamref name="TContext"/> (e.g. the device a buffer is destroyed with).
    /// Creating a <typeparamref name="T"/> with no such ancestor is rejected.
    /// </summary>
    public void RegisterKind<T, TContext>(string kind, DestroyCallback<T, TContext> destroy)
        where T : struct
        where TContext : struct
    {
        CheckMutable();
        ArgumentNullException.ThrowIfNull(destroy);
        AddKind<T>(kind, new Destroyer<T, TContext>(World, destroy));
    }

    private void AddKind<T>(string kind, Destroyer? destroyer) where T : struct
    {
        bool replacing = _identity.Kinds.IsRegistered(ComponentType<T>.Id);
        _identity.Kinds.Register<T>(kind, destroyer, nameof(RegisterKind));
        if (replacing)
        {
            _identity.Freed.OnKindReplaced(ComponentType<T>.Id); // stale handles of its resources must not read the new name
        }
    }

    /// <summary>Grows internal tables for <paramref name="count"/> more resources of payload <typeparamref name="T"/>,
    /// so that creating them does not allocate (useful before a timed region). <paramref name="count"/> must be
    /// between 0 and <see cref="MaxResources"/> minus the slots already used.</summary>
    public void Reserve<T>(int count) where T : struct
    {
        CheckMutable();
        int room = MaxResources - World.Capacity;
        if (count < 0 || count > room)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"Reserve<{typeof(T).Name}>: count must be between 0 and {room:N0} (a registry holds at most {MaxResources:N0} resources; {World.Capacity:N0} slots are in use or free for reuse).");
        }

        World.Reserve(count);
        int maxId = World.Capacity + count;
        World.Column<T>().Reserve(0, maxId); // freed slots anywhere below may be reused for them
        _records.Reserve(maxId);
        _requests.Reserve(maxId);
        _identity.Reserve(maxId);
    }
}
