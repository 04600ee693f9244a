using System.Diagnostics;
using Engine.Resources.Ecs;

namespace Engine.Resources.Lifecycle;

/// <summary>
/// The lifecycle state machine, in one place. Transitions:
/// <code>
/// Alive ──request──▶ Pending ──(no children, GPU done, callback ok)──▶ destroyed
///                    Pending ──live children──▶ Blocked ──last child gone──▶ Pending
///                    Pending ──GPU in flight──▶ WaitingForGpu ──timeline reached──▶ Pending
///                    Pending ──callback threw──▶ Faulted ──retry──▶ Pending   (or abandon: forgotten)
/// </code>
/// It is the only writer of <see cref="LifecycleRecord"/> (GPU use included), and it decides the destruction
/// system's steps (<see cref="TryStartDestroy"/>, <see cref="OnHolderGone"/>, <see cref="TryReleaseGpu"/>): the
/// system only acts on the answers. It also keeps the number of resources in each state, so counts cost nothing to read.
/// </summary>
internal sealed class ResourceLifecycle
{
    private readonly ResourceRecords _records;
    private readonly int[] _counts = new int[5];

    // Rare: only faulted resources have an error text, so it lives here rather than in every record.
    private readonly Dictionary<int, string> _faults = new();

    public ResourceLifecycle(ResourceRecords records)
    {
        _records = records;
    }

    public int Count(ResourceState state) => _counts[(int)state];

    /// <summary>Cascades requested and not expanded yet (<see cref="LifecycleRecord.Deferred"/>).</summary>
    public int DeferredCount { get; private set; }

    /// <summary>Resources ever started (created or joined), for per-frame counters.</summary>
    public long Started { get; private set; }

    /// <summary>The record, read-only: only this class writes it.</summary>
    public ref readonly LifecycleRecord Get(Entity entity) => ref Record(entity.Id);

    public ResourceState StateOf(Entity entity) => Record(entity.Id).State;

    /// <summary>Starts the lifecycle of a just-created resource (its record was added zeroed: Alive, nothing requested).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Add(Entity entity)
    {
        Record(entity.Id) = new LifecycleRecord { State = ResourceState.Alive };
        _counts[(int)ResourceState.Alive]++;
        Started++;
    }

    /// <summary>Records a destruction request. Returns false when an equal or stronger one was already recorded.</summary>
    public bool Request(Entity entity, DestroyMode mode) => Request(ref Record(entity.Id), mode);

    private bool Request(ref LifecycleRecord lc, DestroyMode mode)
    {
        if (lc.Requested >= mode)
        {
            return false;
        }

        lc.Requested = mode;
        if (lc.State == ResourceState.Alive)
        {
            Move(ref lc, ResourceState.Pending);
        }

        return true;
    }

    /// <summary>Records that GPU work completing at <paramref name="timelineValue"/> uses the resource.</summary>
    public void RecordGpuUse(Entity entity, ulong timelineValue)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (timelineValue > lc.LastGpuUse)
        {
            lc.LastGpuUse = timelineValue;
        }
    }

    /// <summary>
    /// The destruction system tries a scheduled resource: decides whether it can be destroyed now and makes the
    /// transition that follows (block it while it has holders, make it wait for the GPU, or leave it Pending for
    /// its callback). Holders are its live children, its dependents and the creations begun under it: each holds it
    /// the same way.
    /// </summary>
    public DestroyStep TryStartDestroy(Entity entity, int holders, ulong completedGpuValue)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (lc.State != ResourceState.Pending && lc.State != ResourceState.Blocked)
        {
            return DestroyStep.NotScheduled; // alive, waiting for the GPU, or faulted: not for this pass
        }

        if (holders > 0)
        {
            if (lc.State == ResourceState.Blocked)
            {
                return DestroyStep.NotScheduled;
            }

            Move(ref lc, ResourceState.Blocked);
            return DestroyStep.Blocked;
        }

        if (lc.LastGpuUse > completedGpuValue)
        {
            Move(ref lc, ResourceState.WaitingForGpu);
            return DestroyStep.WaitingForGpu;
        }

        if (lc.State == ResourceState.Blocked)
        {
            Move(ref lc, ResourceState.Pending);
        }

        return DestroyStep.Destroy;
    }

    /// <summary>A holder (child, dependent or creation) let go of <paramref name="entity"/>, which has
    /// <paramref name="holders"/> left; true when that made a blocked resource ready to be tried.</summary>
    public bool OnHolderGone(Entity entity, int holders)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (lc.State != ResourceState.Blocked || holders > 0)
        {
            return false;
        }

        Move(ref lc, ResourceState.Pending);
        return true;
    }

    /// <summary>The state in the record of slot <paramref name="slot"/> (a resource under a deferred cascade reads
    /// Alive here: see <see cref="LifecycleRecord.Deferred"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ResourceState StateAt(int slot) => Record(slot).State;

    /// <summary>The strongest mode requested in the record of slot <paramref name="slot"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public DestroyMode RequestedAt(int slot) => Record(slot).Requested;

    /// <summary>Whether the GPU is done with the resource in slot <paramref name="slot"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsGpuDone(int slot, ulong completedGpuValue) => Record(slot).LastGpuUse <= completedGpuValue;

    /// <summary>Whether the cascade requested on slot <paramref name="slot"/> is still deferred.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsDeferred(int slot) => Record(slot).Deferred;

    /// <summary>The cascade just requested on <paramref name="entity"/> is deferred: its subtree is marked when it is
    /// destroyed (or when a query needs the marks), not now.</summary>
    public void Defer(Entity entity)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (!lc.Deferred)
        {
            lc.Deferred = true;
            DeferredCount++;
        }
    }

    /// <summary>Ends the deferral of a cascade (its subtree was marked, or is being destroyed); false when it was not deferred.</summary>
    public bool EndDeferral(int slot)
    {
        ref LifecycleRecord lc = ref Record(slot);
        if (!lc.Deferred)
        {
            return false;
        }

        lc.Deferred = false;
        DeferredCount--;
        Debug.Assert(DeferredCount >= 0, "deferred cascades counted below zero");
        return true;
    }

    /// <summary>True (and Pending again) when the GPU work a waiting resource needed has completed.</summary>
    public bool TryReleaseGpu(Entity entity, ulong completedGpuValue)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (lc.State != ResourceState.WaitingForGpu || lc.LastGpuUse > completedGpuValue)
        {
            return false;
        }

        Move(ref lc, ResourceState.Pending);
        return true;
    }

    /// <summary>Whether the resource still waits for GPU work (false once it left that state some other way).</summary>
    public bool IsWaitingForGpu(Entity entity) => Record(entity.Id).State == ResourceState.WaitingForGpu;

    public void Retry(Entity entity)
    {
        Transition(entity, ResourceState.Faulted, ResourceState.Pending);
        _faults.Remove(entity.Id);
    }

    /// <summary>The destroy callback threw. A cascade's walk runs callbacks of resources whose records read Blocked
    /// (their children just went) or Alive (covered by a deferred cascade, so requested as one): faulted all the same.</summary>
    public void Fault(Entity entity, string error)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (lc.State == ResourceState.Alive)
        {
            lc.Requested = DestroyMode.Cascade;
        }

        if (lc.State is not (ResourceState.Pending or ResourceState.Blocked or ResourceState.Alive))
        {
            throw new InvalidOperationException(
                $"Resource {entity} cannot go from {lc.State} to Faulted (only from Pending); this is a registry bug.");
        }

        Move(ref lc, ResourceState.Faulted);
        _faults[entity.Id] = error;
    }

    /// <summary>The destroy callback's error of a faulted resource, else null.</summary>
    public string? FaultOf(Entity entity) =>
        Record(entity.Id).State == ResourceState.Faulted ? _faults.GetValueOrDefault(entity.Id) : null;

    /// <summary>The resource is about to leave the world (destroyed or abandoned).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Forget(int slot)
    {
        ref LifecycleRecord lc = ref Record(slot);
        ResourceState state = lc.State;
        Debug.Assert(_counts[(int)state] > 0, $"no resource counted in state {state} to forget");
        _counts[(int)state]--;
        if (lc.Deferred)
        {
            lc.Deferred = false;
            DeferredCount--;
        }

        if (state == ResourceState.Faulted)
        {
            _faults.Remove(slot);
        }
    }

    /// <summary>Teardown: whatever the state, the resource is pending now (GPU idle, faults retried once).</summary>
    public void ForcePending(Entity entity)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (lc.Requested == 0)
        {
            lc.Requested = DestroyMode.Cascade;
        }

        if (lc.State != ResourceState.Pending)
        {
            if (lc.State == ResourceState.Faulted)
            {
                _faults.Remove(entity.Id);
            }

            Move(ref lc, ResourceState.Pending);
        }
    }

    private void Transition(Entity entity, ResourceState from, ResourceState to)
    {
        ref LifecycleRecord lc = ref Record(entity.Id);
        if (lc.State != from)
        {
            throw new InvalidOperationException(
                $"Resource {entity} cannot go from {lc.State} to {to} (only from {from}); this is a registry bug.");
        }

        Move(ref lc, to);
    }

    private void Move(ref LifecycleRecord lc, ResourceState to)
    {
        Debug.Assert(_counts[(int)lc.State] > 0, $"no resource counted in state {lc.State} to move to {to}");
        _counts[(int)lc.State]--;
        _counts[(int)to]++;
        lc.State = to;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ref LifecycleRecord Record(int id) => ref _records[id].Lifecycle;
}
