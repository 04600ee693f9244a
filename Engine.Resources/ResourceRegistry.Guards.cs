using System.Runtime.CompilerServices;
using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>The thread, disposal, reentrancy and handle checks every public member starts with.</summary>
public sealed partial class ResourceRegistry
{
    // The owner's managed thread id; ShutDownOwner once shut down, so the hot checks (Get) answer both questions with
    // one compare. The one record of "shut down": IsDisposed, IsAlive, RequestDestroy and every refusal read it.
    private const int ShutDownOwner = -1;
    private int _ownerThread;
    private bool _shuttingDown;

    /// <summary>Whether <see cref="Shutdown"/> has completed. Any thread.</summary>
    private bool IsShutDown => Volatile.Read(ref _ownerThread) == ShutDownOwner;

    /// <summary>Reads: the owner thread, before shutdown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckOwner([CallerMemberName] string member = "")
    {
        if (CurrentThread.Id != _ownerThread)
        {
            ThrowWrongThreadOrDisposed(member);
        }
    }

    /// <summary>Changes: as <see cref="CheckOwner"/>, and not from inside a destroy callback, an update or the shutdown.</summary>
    private void CheckMutable([CallerMemberName] string member = "")
    {
        CheckOwner(member);
        if (_destruction.InPass || _shuttingDown)
        {
            ThrowReentrant(member);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongThreadOrDisposed(string member)
    {
        if (IsShutDown)
        {
            throw new ObjectDisposedException(nameof(ResourceRegistry), $"{member}: the resource registry was shut down.");
        }

        throw new InvalidOperationException(
            $"{member} was called on thread {Environment.CurrentManagedThreadId}, but this registry belongs to thread {_ownerThread}, the one that created it. From other threads, create with BeginCreate and then Complete, request destruction with RequestDestroy (applied at the owner's next Update) and read only IsAlive, IsDisposed, Count, Frame and CompletedGpuValue; call {member} on the owner thread.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowReentrant(string member)
    {
        Entity running = _destruction.RunningCallback;
        string where = !running.IsNull
            ? $"from inside the destroy callback of {_identity.Describe(running)}"
            : _shuttingDown ? "while Shutdown runs" : "while an update runs";
        throw new InvalidOperationException(
            $"{member} cannot be called {where}: a destroy callback may read the registry, RequestDestroy, MarkInUse and SetSizeBytes; nothing else changes until it returns.");
    }

    /// <summary>Throws unless the handle names a live resource of this registry; the error names the call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureAlive(ResourceHandle handle, [CallerMemberName] string member = "")
    {
        if (handle.RegistryId != _registryId || !World.IsAlive(handle.Entity))
        {
            ThrowUnusable(handle, member);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowUnusable(ResourceHandle handle, [CallerMemberName] string member = "")
    {
        if (handle.IsNull)
        {
            throw new StaleHandleException(handle, $"{member}: the null resource handle names no resource.");
        }

        if (handle.RegistryId != _registryId)
        {
            throw new ForeignHandleException(handle,
                $"{member}: resource handle {handle} was issued by another registry (registry {handle.RegistryId}; this is registry {_registryId}): a handle is only valid with the registry that created it.");
        }

        if (_creations.Used && _creations.IsPending(handle.Entity))
        {
            throw new StaleHandleException(handle,
                $"{member}: resource handle {handle} names a resource being created on another thread (BeginCreate): it joins the registry at the first Update after its creation completes.");
        }

        throw new StaleHandleException(handle, $"{member}: {DescribeStale(handle.Entity)}");
    }

    /// <summary>
    /// Why a handle of this registry names no live resource, naming what it named when that is still known: only
    /// while the slot's version is exactly one past the handle's (freed once, not used again) are the kind and name
    /// left in the slot that resource's. Once the slot was used again they belong to another resource, and the error
    /// says so rather than name the wrong one.
    /// </summary>
    private string DescribeStale(Entity entity)
    {
        int id = entity.Id;
        int slot = World.SlotVersion(id); // > 0: alive at that version; < 0: free, next version -slot; 0: never used
        if (slot == -(entity.Version + 1))
        {
            return _identity.Freed.DescribeFreedOnce(entity);
        }

        int current = Math.Abs(slot);
        if (slot == 0 || entity.Version >= current)
        {
            return $"resource handle {entity} never named a resource of this registry (slot {id} {(slot == 0 ? "was never used" : $"is at version {current}")}).";
        }

        string since = slot > 0 ? $"now holds #{id}v{slot}, another resource" : $"has been used again since (it is free, for version {current} next)";
        return $"resource handle {entity} is stale: its resource was destroyed and slot {id} {since}, so what the handle named is no longer known.";
    }

    internal ResourceHandle Handle(Entity entity) => _identity.Handle(entity);
}
