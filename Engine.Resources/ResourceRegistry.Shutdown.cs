using Engine.Resources.Ecs;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>The report of the shutdown, once it happened.</summary>
    public TeardownReport? TeardownReport => _teardown;

    /// <summary>
    /// Ends the registry: waits for the GPU (the callback given at construction), reports and logs every resource its
    /// owner never released, then destroys everything children-first, explicit-release resources included. A resource
    /// whose callback throws again stays undestroyed with its ancestors (destroying them would break the order); the
    /// report lists them. Calling it again returns the same report. The registry has no finalizer: native resources
    /// are only ever destroyed here or in <see cref="Update(ulong)"/>, on the owner thread.
    /// </summary>
    public TeardownReport Shutdown()
    {
        if (_teardown is not null)
        {
            return _teardown;
        }

        CheckOwner();
        _waitForGpuIdle?.Invoke();

        // Requests still queued count as releases: apply them before deciding what leaked.
        _destruction.Run(CompletedGpuValue);
        var leaks = new List<LeakedResource>();
        foreach (var handle in Resources)
        {
            if (Lifecycle.Get(handle.Entity).State == ResourceState.Alive)
            {
                ref var meta = ref _meta.Get(handle.Id);
                var leak = new LeakedResource(handle, KindOf(meta.TypeId).Name, Names[handle.Id], meta.CreationFrame, PathOf(handle));
                leaks.Add(leak);
            }
        }

        leaks.Sort((a, b) => a.Handle.Id.CompareTo(b.Handle.Id));
        foreach (var leak in leaks)
        {
            Log.Leaked(leak, _frame);
        }

        int destroyed = _destruction.Teardown();
        var notDestroyed = new List<ResourceInfo>();
        foreach (var handle in Resources)
        {
            var info = GetInfo(handle);
            notDestroyed.Add(info);
            Log.NotDestroyed(info.Describe(), info.State, _frame);
        }

        _teardown = new TeardownReport(leaks, notDestroyed, destroyed);
        return _teardown;
    }

    /// <summary>Same as <see cref="Shutdown"/>; harmless to call twice.</summary>
    public void Dispose() => Shutdown();
}
