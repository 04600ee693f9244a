using Engine.Resources.Snapshots;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    // Requests and shutdown take the lock; the owner's update never does (it drains the queue), so a requesting thread
    // preempted while holding the lock cannot hold up a frame.
    private readonly object _captureLock = new();
    private readonly CapturedForest _captured = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<TaskCompletionSource<byte[]>> _captureWaiters = new();
    // The worker encoding the last copy; the next copy waits for it (one copy buffer).
    private Task _encoding = Task.CompletedTask;
    private long _lastCaptureTicks;
    private long _lastEncodeTicks;
    // Bits other threads set for the owner's next update (OwnerWork*); zero in a frame nobody asked anything of.
    private int _ownerWork;

    private const int OwnerWorkCreations = 1;
    private const int OwnerWorkCapture = 2;

    /// <summary>
    /// From any thread (an inspection endpoint, a debugger): a snapshot of the forest (the <c>.ressnap</c> bytes) as
    /// it is at the end of the next <see cref="Update(ulong)"/>, so it never races with the frame. The owner thread
    /// only copies the forest there, into records reused from one capture to the next; a worker thread encodes and
    /// compresses the copy while frames go on. Every request made before that update gets the same capture; while a
    /// worker is still encoding, new requests wait for the update after it. An update with no request pending pays one
    /// check. Fails with <see cref="ObjectDisposedException"/> when the registry is (or gets) shut down before the copy
    /// is taken.
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
    /// From any thread: how long the owner thread spent on the last capture (<see cref="CaptureSnapshotAsync"/>): the
    /// copy of the forest, not its encoding; zero before the first.
    /// </summary>
    public TimeSpan LastCaptureDuration => TimeSpan.FromTicks(Volatile.Read(ref _lastCaptureTicks));

    /// <summary>
    /// From any thread: how long a worker thread spent encoding and compressing the last capture; zero before the
    /// first. With <see cref="LastCaptureDuration"/>, what an inspector spaces its captures by, so that they take a
    /// bounded share of the machine.
    /// </summary>
    public TimeSpan LastCaptureEncodeDuration => TimeSpan.FromTicks(Volatile.Read(ref _lastEncodeTicks));

    /// <summary>Owner thread, after an update's pass: copies the forest for every capture requested since the last one
    /// and hands the copy to a worker.</summary>
    private void ServeCaptures()
    {
        // Clear the flag before draining: a request queued after the drain sets it again for the next update.
        Interlocked.And(ref _ownerWork, ~OwnerWorkCapture);
        if (_captureWaiters.IsEmpty)
        {
            return;
        }

        if (!_encoding.IsCompleted)
        {
            // The worker still reads the copy the next one would overwrite: the next update serves these requests.
            Interlocked.Or(ref _ownerWork, OwnerWorkCapture);
            return;
        }

        var waiters = new List<TaskCompletionSource<byte[]>>();
        while (_captureWaiters.TryDequeue(out TaskCompletionSource<byte[]>? waiter))
        {
            waiters.Add(waiter);
        }

        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            _captured.CopyFrom(this);
        }
        catch (Exception error)
        {
            waiters.ForEach(waiter => waiter.TrySetException(error));
            return;
        }
        finally
        {
            Volatile.Write(ref _lastCaptureTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        }

        _encoding = Task.Run(() => Encode(waiters));
    }

    /// <summary>Worker thread: encodes the copy and answers every request it was taken for.</summary>
    private void Encode(List<TaskCompletionSource<byte[]>> waiters)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        byte[]? bytes = null;
        Exception? failure = null;
        try
        {
            bytes = _captured.Encode();
        }
        catch (Exception error)
        {
            failure = error;
        }

        // Before the answers: whoever awaits one may read the cost at once.
        Volatile.Write(ref _lastEncodeTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        foreach (TaskCompletionSource<byte[]> waiter in waiters)
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
