namespace Engine.Render.Vulkan;

/// <summary>
/// The external synchronisation a VkQueue needs when two threads submit to it (Vulkan: <c>queue</c> is externally
/// synchronised in vkQueueSubmit and vkQueuePresentKHR). First come, first served: a loader's upload waits for at most
/// the frame submission in progress. An ordinary lock lets the owner thread, which holds it for every frame (a CPU
/// driver executes the frame inside vkQueueSubmit), take it again before the woken loader runs: uploads measured 13 to
/// 54 ms late on lavapipe. Allocation-free.
/// </summary>
public sealed class QueueLock
{
    private int _nextTicket;
    private int _serving;

    /// <summary>Waits for this caller's turn; pair with <see cref="Exit"/>, or use <see cref="Hold"/>.</summary>
    public void Enter()
    {
        int ticket = Interlocked.Increment(ref _nextTicket) - 1;
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _serving) != ticket)
        {
            spinner.SpinOnce();
        }
    }

    /// <summary>Callers waiting for their turn now (not counting the one holding the lock).</summary>
    internal int Waiting => Math.Max(0, Volatile.Read(ref _nextTicket) - Volatile.Read(ref _serving) - 1);

    /// <summary>Hands the queue to the next caller in line.</summary>
    public void Exit() => Interlocked.Increment(ref _serving);

    /// <summary>Enters, and exits when the returned scope is disposed (<c>using (queueLock.Hold()) { … }</c>).</summary>
    public Scope Hold()
    {
        Enter();
        return new Scope(this);
    }

    /// <summary>Held until disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly QueueLock _owner;

        internal Scope(QueueLock owner) => _owner = owner;

        /// <summary>Exits the lock.</summary>
        public void Dispose() => _owner.Exit();
    }
}
