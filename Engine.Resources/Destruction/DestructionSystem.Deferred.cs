using Engine.Resources.Ecs;

namespace Engine.Resources.Destruction;

/// <summary>Deferred cascades: what a cascade requested before its subtree is marked, and the marking itself.</summary>
internal sealed partial class DestructionSystem
{
    /// <summary>
    /// The state of a resource as requests made it, deferred cascades included: Pending for a resource whose record
    /// reads Alive but that a deferred cascade above has requested. Cost: a climb of at most
    /// <see cref="MaxCoverageClimb"/> ancestors, and only while a cascade is deferred.
    /// </summary>
    public ResourceState EffectiveState(Entity entity)
    {
        if (_lifecycle.StateAt(entity.Id) == ResourceState.Alive && IsCoveredByDeferred(entity.Id))
        {
            return ResourceState.Pending;
        }

        return _lifecycle.StateAt(entity.Id); // read again: a climb cut short expanded the cascades into the records
    }

    /// <summary>
    /// Any thread: whether a request at least as strong as <paramref name="mode"/> was already made for a live resource
    /// on the owner thread — recorded on it, or by a deferred cascade above it. Racy reads of records the owner thread
    /// writes: a request racing with a change may be answered Queued (and is then a no-op at the update); a climb too
    /// long is answered false rather than expanded.
    /// </summary>
    public bool IsRequestedFromAnyThread(Entity entity, DestroyMode mode)
    {
        int slot = entity.Id;
        if ((uint)slot >= (uint)_records.Length)
        {
            return false; // joined a moment ago, its record not there yet: not requested by the owner either
        }

        DestroyMode recorded = _lifecycle.RequestedAt(slot);
        if (recorded >= mode)
        {
            return true;
        }

        return _lifecycle.DeferredCount > 0 && DeferredCoverage(slot) > 0;
    }

    /// <summary>Whether a cascade was requested on the resource: recorded on it, or by a deferred cascade above.</summary>
    public bool IsCascadeRequested(Entity entity) =>
        _lifecycle.RequestedAt(entity.Id) == DestroyMode.Cascade
        || IsCoveredByDeferred(entity.Id)
        || _lifecycle.RequestedAt(entity.Id) == DestroyMode.Cascade; // read again: a climb cut short expanded the cascades

    /// <summary>
    /// Owner thread: whether a deferred cascade above covers the resource in <paramref name="slot"/>. A climb cut short
    /// expands the deferred cascades instead and answers false: the resource's own record tells from then on.
    /// </summary>
    private bool IsCoveredByDeferred(int slot)
    {
        if (_lifecycle.DeferredCount == 0)
        {
            return false;
        }

        int coverage = DeferredCoverage(slot);
        if (coverage < 0)
        {
            ExpandDeferred();
        }

        return coverage > 0;
    }

    /// <summary>
    /// Marks the subtrees of every deferred cascade, as an owner-thread cascade did at request time before deferral:
    /// for queries that read every record (counts, snapshots, blockers, moves) and for climbs too long to answer.
    /// </summary>
    public void ExpandDeferred()
    {
        if (_lifecycle.DeferredCount == 0)
        {
            _deferred.Clear();
            return;
        }

        for (int i = 0; i < _deferred.Count; i++)
        {
            Entity root = _deferred[i].Entity;
            if (_world.IsAlive(root) && _lifecycle.EndDeferral(root.Id))
            {
                var expansion = new CascadeExpansion(root, force: false, this);
                _hierarchy.Walk(root, ref expansion);
            }
        }

        _deferred.Clear();
    }

    /// <summary>
    /// Whether a deferred cascade covers the resource in <paramref name="slot"/> (whose record has no cascade request
    /// of its own): 1 when the
    /// climb reaches a deferred root through resources that cascade would enter, 0 when it cannot, -1 when the climb
    /// was cut short. The rule is the expansion's: a cascade does not enter an explicit-release resource (other than
    /// its root), and an expanded cascade above would have marked the resource already.
    /// </summary>
    private int DeferredCoverage(int slot)
    {
        for (int e = slot, climbed = 0; climbed < MaxCoverageClimb; climbed++)
        {
            if ((uint)e >= (uint)_records.Length)
            {
                return 0; // only on another thread, racing with growth: no answer, no harm (see IsRequestedFromAnyThread)
            }

            if (_lifecycle.IsDeferred(e))
            {
                return 1;
            }

            if (_identity.IsExplicitReleaseSlot(e))
            {
                return 0;
            }

            if (_lifecycle.RequestedAt(e) == DestroyMode.Cascade)
            {
                return 0;
            }

            int parent = _records[e].Links.Parent;
            if (parent == 0)
            {
                return 0;
            }

            e = parent - 1;
        }

        return -1;
    }
}
