namespace Engine.Resources.Lifecycle;

/// <summary>What <see cref="ResourceLifecycle.TryStartDestroy"/> decided for a scheduled resource.</summary>
internal enum DestroyStep : byte
{
    /// <summary>Not in a state to be tried (alive, already blocked, waiting, faulted): nothing to do.</summary>
    NotScheduled,

    /// <summary>It has live children: now Blocked, tried again when its last child goes.</summary>
    Blocked,

    /// <summary>GPU work in flight uses it: now WaitingForGpu.</summary>
    WaitingForGpu,

    /// <summary>Ready: run its destroy callback.</summary>
    Destroy,
}
