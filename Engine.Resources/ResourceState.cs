namespace Engine.Resources;

/// <summary>Where a live resource is in its lifecycle. A destroyed resource has no state: its handle is stale.</summary>
public enum ResourceState : byte
{
    /// <summary>In use; nobody asked for its destruction.</summary>
    Alive,

    /// <summary>Destruction was requested and will be attempted at the next update.</summary>
    Pending,

    /// <summary>Destruction was requested, but live children keep it (it goes in the update its last child goes).</summary>
    Blocked,

    /// <summary>Destruction was requested, but GPU work that uses it has not completed yet.</summary>
    WaitingForGpu,

    /// <summary>Its destroy callback threw; it stays (and so do its ancestors) until retried or abandoned.</summary>
    Faulted,
}
