using Engine.Resources.Ecs;
using Engine.Resources.Lifecycle;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>
    /// How long <see cref="Shutdown"/> waits for creations begun on other threads (<see cref="BeginCreate{T}"/>) to
    /// complete or cancel; 10 seconds unless set. Creations still open then are logged as an error and never taken.
    /// </summary>
    public TimeSpan CreationPatience
    {
        get => _creationPatience;
        set => _creationPatience = value >= TimeSpan.Zero && value <= TimeSpan.FromHours(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "CreationPatience must be between 0 and 1 hour.");
    }

    private TimeSpan _creationPatience = TimeSpan.FromSeconds(10);

    /// <summary>The report of the shutdown, once it happened.</summary>
    public TeardownReport? TeardownReport => Volatile.Read(ref _teardown);

    /// <summary>
    /// Ends the registry: waits for the GPU (the callback given at construction), reports and logs every resource its
    /// owner never released, then destroys everything children-first, explicit-release resources included. A resource
    /// whose callback throws again stays undestroyed with its ancestors (destroying them would break the order); the
    /// report lists them. Calling it again returns the same report. Not allowed from inside a destroy callback or
    /// from another thread. The registry has no finalizer: native resources are only ever destroyed here or in
    /// <see cref="Update(ulong)"/>, on the owner thread. Time and memory are linear in the number of resources,
    /// whatever the depth of the forest.
    /// </summary>
    public TeardownReport Shutdown() => ShutdownOnce(nameof(Shutdown));

    /// <summary>Same as <see cref="Shutdown"/>; harmless to call twice. Not allowed from inside a destroy callback.</summary>
    public void Dispose() => ShutdownOnce(nameof(Dispose));

    private TeardownReport ShutdownOnce(string member)
    {
        if (Volatile.Read(ref _teardown) is { } done)
        {
            return done;
        }

        CheckMutable(member);
        _shuttingDown = true;
        try
        {
            // Creations begun on other threads finish first, so their native objects are destroyed with the rest.
            int unfinished = _creations.CloseForGood(CreationPatience);
            JoinCreations();
            if (unfinished > 0)
            {
                // Never handed over: the registry has nothing of theirs to destroy, and their parents must not wait.
                Log.UnfinishedCreations(unfinished, CreationPatience, Frame);
                _creations.DropAbandonedHolds();
            }

            _waitForGpuIdle?.Invoke();

            // Requests still queued count as releases: apply them before deciding what leaked.
            _destruction.Run(CompletedGpuValue);
            var leaks = FindLeaks();
            foreach (var leak in leaks)
            {
                Log.Leaked(leak, Frame);
            }

            int destroyed = _destruction.Teardown();
            var notDestroyed = new List<ResourceInfo>();
            foreach (var handle in Resources)
            {
                var info = GetInfo(handle);
                notDestroyed.Add(info);
                Log.NotDestroyed(info, Frame);
            }

            Volatile.Write(ref _teardown, new TeardownReport(leaks, notDestroyed, destroyed));
            FailPendingCaptures();
            Volatile.Write(ref _ownerThread, ShutDownOwner);
            return _teardown!;
        }
        finally
        {
            _shuttingDown = false;
        }
    }

    /// <summary>Every resource still alive that nobody asked to destroy, in id order, each with its path. A path node is
    /// made once per resource on the way to a leak and shared below it, so a deep leaked chain costs linear memory.</summary>
    private List<LeakedResource> FindLeaks()
    {
        var leaks = new List<LeakedResource>();
        var paths = new Dictionary<int, ResourcePath>();
        var climb = new List<Entity>();
        foreach (var handle in Resources)
        {
            if (Lifecycle.StateOf(handle.Entity) != ResourceState.Alive)
            {
                continue;
            }

            var kind = _identity.KindOf(handle.Entity);
            leaks.Add(new LeakedResource(handle, kind.Name, _identity.NameOf(handle.Entity), _identity.CreationFrameOf(handle.Entity), PathNode(handle.Entity, paths, climb)));
        }

        return leaks;
    }

    private ResourcePath PathNode(Entity entity, Dictionary<int, ResourcePath> paths, List<Entity> climb)
    {
        climb.Clear();
        ResourcePath? known = null;
        for (Entity e = entity; !e.IsNull; e = Hierarchy.ParentOf(e))
        {
            if (paths.TryGetValue(e.Id, out known))
            {
                break;
            }

            climb.Add(e);
        }

        for (int i = climb.Count - 1; i >= 0; i--)
        {
            known = new ResourcePath(known, _identity.Describe(climb[i]));
            paths[climb[i].Id] = known;
        }

        return known!;
    }
}
