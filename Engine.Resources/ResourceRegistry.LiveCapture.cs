using Engine.Resources.Snapshots;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    private readonly object _captureLock = new();
    private readonly MemoryStream _captureBuffer = new();
    private List<TaskCompletionSource<byte[]>> _captureWaiters = new();
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
                throw new ObjectDisposedException(nameof(ResourceRegistry), "The resource registry was shut down; there is nothing to capture.");
            }

            _captureWaiters.Add(waiter);
            Interlocked.Or(ref _ownerWork, OwnerWorkCapture);
        }

        if (cancel.CanBeCanceled)
        {
            cancel.Register(() => waiter.TrySetCanceled(cancel));
        }

        return waiter.Task;
    }

    /// <summary>Owner thread, after an update's pass: serves every capture requested since the last one.</summary>
    private void ServeCaptures()
    {
        List<TaskCompletionSource<byte[]>> waiters;
        lock (_captureLock)
        {
            waiters = _captureWaiters;
            _captureWaiters = new List<TaskCompletionSource<byte[]>>();
            Interlocked.And(ref _ownerWork, ~OwnerWorkCapture);
        }

        try
        {
            _captureBuffer.SetLength(0);
            this.WriteSnapshot(_captureBuffer);
            byte[] bytes = _captureBuffer.ToArray();
            foreach (TaskCompletionSource<byte[]> waiter in waiters)
            {
                waiter.TrySetResult(bytes);
            }
        }
        catch (Exception error)
        {
            foreach (TaskCompletionSource<byte[]> waiter in waiters)
            {
                waiter.TrySetException(error);
            }
        }
    }

    /// <summary>Shutdown: captures still waiting will never be served.</summary>
    private void FailPendingCaptures()
    {
        List<TaskCompletionSource<byte[]>> waiters;
        lock (_captureLock)
        {
            waiters = _captureWaiters;
            _captureWaiters = new List<TaskCompletionSource<byte[]>>();
        }

        foreach (TaskCompletionSource<byte[]> waiter in waiters)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(ResourceRegistry), "The resource registry was shut down before the capture was taken."));
        }
    }
}
