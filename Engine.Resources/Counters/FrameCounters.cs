namespace Engine.Resources.Counters;

/// <summary>
/// What one frame did to the forest, recorded on the owner thread at the end of <see cref="ResourceRegistry.Update(ulong)"/>
/// while a <see cref="FrameCounterFeed"/> is open.
/// </summary>
/// <param name="Frame">The frame the update ran as (<see cref="ResourceRegistry.Frame"/> after it).</param>
/// <param name="Created">Resources created (or joined from other threads) since the previous update.</param>
/// <param name="Destroyed">Resources this update destroyed.</param>
/// <param name="Faulted">Destroy callbacks that threw in this update.</param>
/// <param name="Resources">Resources in the registry after the update, in any state.</param>
/// <param name="Pending">Released resources in the Pending state after the update (neither blocked nor waiting for the GPU).</param>
/// <param name="Blocked">Released resources held by live children or dependents after the update.</param>
/// <param name="WaitingForGpu">Released resources whose GPU work had not completed after the update.</param>
public readonly record struct FrameCounters(
    long Frame, int Created, int Destroyed, int Faulted, int Resources, int Pending, int Blocked, int WaitingForGpu);
