namespace Engine.Resources;

/// <summary>
/// Where a resource is in its lifecycle: what the registry reports, what a snapshot records and what resdump and the
/// inspector show (their words are in <see cref="ResourceStates"/>). A destroyed resource has no state: its handle is
/// stale. The values are written into snapshot files: never renumber them.
/// </summary>
public enum ResourceState : byte
{
    /// <summary>In use; nobody asked for its destruction.</summary>
    Alive = 0,

    /// <summary>Destruction was requested and will be attempted at the next update.</summary>
    Pending = 1,

    /// <summary>Destruction was requested, but live children or dependents keep it (it goes in the update the last
    /// of them goes).</summary>
    Blocked = 2,

    /// <summary>Destruction was requested, but GPU work that uses it has not completed yet.</summary>
    WaitingForGpu = 3,

    /// <summary>Its destroy callback threw; it stays (and so do its ancestors) until retried or abandoned.</summary>
    Faulted = 4,
}
