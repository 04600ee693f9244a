using Engine.Resources.Snapshots;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    // Requests and shutdown take the lock; the owner's update never does (it drains the queue), so a requesting thread
    // preempted while holding the lock cannot hold up a frame.
    private readonly object _captureLock = new();
    private readonly MemoryStream _captureBuffer = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource<byte[]>> _captureWaiters = new();
    private long _lastCaptureTicks;
    // Bits other threads set for the owner's next update (OwnerWork*); zero in a frame nobody asked anything of.
    private int _ownerWork;

    private const int OwnerWorkCreations = 1;
    private const int OwnerWorkCapture = 2;

    /// <summary>
    /// From any thread (an inspection endpoint, a debugger): a snapshot of the forest (the <c>.ressnap</c> bytes),
    /// taken on the owner thread at the end of the next <see cref="Update(ulong)"/>, so it never races with the frame.
    /// Every request made before that update gets the same capture. An update with no request pending pays one
    /// check; the capture buffer is reused from one capture to the next. Fails with
    /// <see cref="ObjectDisposedException"/> when the registry is (or gets) shut down before serving it.
    /// </summary>
    public Task<byte[]> CaptureSnapshotAsync(CancellationToken cancel = default)
    {
        var waiter = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_captureLock)
        {
            if (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(ResourceRegistry), $"{nameof(CaptureSnapshotAsync)}: the resource registry was shut down; there is nothing to capture.");
            }

            _captureWaiters.Enqueue(waiter);
            Interlocked.Or(ref _ownerWork, OwnerWorkCapture); // after the waiter is queued: the update that sees it serves it
        }

        if (cancel.CanBeCanceled)
        {
            cancel.Register(() => waiter.TrySetCanceled(cancel));
        }

        return waiter.Task;
    }

    /// <summary>
    /// From any thread: how long the owner thread spent on the last capture (<see cref="CaptureSnapshotAsync"/>); zero
    /// before the first. What an inspector spaces its captures by, so that they take a bounded share of the frames.
    /// </summary>
    public TimeSpan LastCaptureDuration => TimeSpan.FromTicks(Volatile.Read(ref _lastCaptureTicks));

    /// <summary>Owner thread, after an update's pass: serves every capture requested since the last one.</summary>
    private void ServeCaptures()
    {
        // Clear the flag before draining: a request queued after the drain sets it again for the next update.
        Interlocked.And(ref _ownerWork, ~OwnerWorkCapture);
        if (_captureWaiters.IsEmpty)
        {
            return;
        }

        byte[]? bytes = null;
        Exception? failure = null;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _captureBuffer.SetLength(0);
            this.WriteSnapshot(_captureBuffer);
            bytes = _captureBuffer.ToArray();
        }
        catch (Exception error)
        {
            failure = error;
        }

        Volatile.Write(ref _lastCaptureTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);

        while (_captureWaiters.TryDequeue(out TaskCompletionSource<byte[]>? waiter))
        {
            if (bytes is not null)
            {
                waiter.TrySetResult(bytes);
            }
            else
            {
                waiter.TrySetException(failure!);
            }
        }
    }

    /// <summary>Shutdown: captures still waiting will never be served (new requests see the registry disposed).</summary>
    private void FailPendingCaptures()
    {
        lock (_captureLock)
        {
            while (_captureWaiters.TryDequeue(out TaskCompletionSource<byte[]>? waiter))
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(ResourceRegistry), $"{nameof(CaptureSnapshotAsync)}: the resource registry was shut down before the capture was taken."));
            }
        }
    }
}
