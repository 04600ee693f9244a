using Engine.Resources.Ecs;
using Engine.Resources.Identity;
using Engine.Resources.Ownership;

namespace Engine.Resources.Destruction;

/// <summary>A cascade's subtree destroyed in one post-order walk.</summary>
internal sealed partial class DestructionSystem
{
    /// <summary>A cascade root: its requested subtree in one walk, children first, then the root itself.</summary>
    private void DestroySubtree(Entity root)
    {
        if (!_world.IsAlive(root))
        {
            return;
        }

        int slot = root.Id;
        if ((_tearingDown || _lifecycle.RequestedAt(slot) == DestroyMode.Cascade) && !RequestedByCallback(slot))
        {
            // The deferral ends after the walk: while it runs, a callback asking for a resource below reads it as
            // requested already, as it was requested before the pass.
            var walk = new SubtreeDestruction(this);
            _hierarchy.WalkBelow(root, ref walk);
        }

        _lifecycle.EndDeferral(slot);
        TryDestroy(root);
    }

    private static bool IsRequested(ResourceState state) => state is ResourceState.Pending or ResourceState.Blocked;

    /// <summary>Whether the walk goes below a resource: the cascade enters every resource but an explicit-release one
    /// (unless that one's own request is a cascade), as the expansion does. Any state: a faulted or waiting resource
    /// may own creations that joined under it.</summary>
    private bool DescendInWalk(int slot)
    {
        if (RequestedByCallback(slot))
        {
            return false; // requested in this pass by a callback: the next pass takes it, with what it owns
        }

        if (!_identity.IsExplicitReleaseSlot(slot))
        {
            return true;
        }

        return _tearingDown || (_lifecycle.StateAt(slot) != ResourceState.Alive && _lifecycle.RequestedAt(slot) == DestroyMode.Cascade);
    }

    /// <summary>Where the subtree walk leaves a resource: destroyed on the spot when the cascade covers it and nothing
    /// holds or delays it; otherwise marked as the cascade's (as the expansion would have) and tried by the general
    /// step, which blocks it, makes it wait for the GPU, or leaves it as it is. An explicit-release resource the
    /// cascade does not cover stays as it is, or is tried on its own request.</summary>
    private void LeaveInWalk(int slot)
    {
        if (RequestedByCallback(slot))
        {
            return; // requested in this pass by a callback: the next pass takes it
        }

        // The common case first, read from the one record: childless now, covered or requested, GPU done, nothing
        // else holding it. Everything else takes the general step below.
        ResourceState state = _lifecycle.StateAt(slot);
        bool covered = _tearingDown || !_identity.IsExplicitReleaseSlot(slot);
        if (_hierarchy.ChildCountAt(slot) == 0
            && (state == ResourceState.Alive ? covered : IsRequested(state))
            && _lifecycle.IsGpuDone(slot, _completedGpuValue)
            && _dependencies.DependentCount(slot) == 0
            && !_creations.Used)
        {
            DestroyInWalk(slot, covered);
            return;
        }

        if (!covered && state == ResourceState.Alive)
        {
            return; // an explicit-release resource nobody released: not the cascade's
        }

        Entity held = _world.EntityAt(slot);
        if (covered)
        {
            _lifecycle.Request(held, DestroyMode.Cascade);
        }

        TryDestroy(held);
    }

    /// <summary>Destroys a resource right where the walk leaves it: a resource the deferred cascade covers goes
    /// straight from Alive (no mark: nothing reads it any more), a requested one from its state.</summary>
    private void DestroyInWalk(int slot, bool covered)
    {
        Entity entity = _world.EntityAt(slot);
        ResourceKind kind = _identity.KindAt(slot);
        if (kind.Destroyer is { } destroyer && !InvokeDestroyer(entity, kind, destroyer))
        {
            if (covered)
            {
                _lifecycle.Request(entity, DestroyMode.Cascade); // faulted, and marked as the cascade's
            }

            return;
        }

        if (_logDestroyed)
        {
            _log.Destroyed(kind.Name, _identity.NameOf(entity), _identity.Handle(entity), _frame);
        }

        // Its parent is left next by the walk (or tried right after it, for the root's children): no notice.
        Retire(entity, kind, notifyParent: false);
        _destroyedThisPass++;
    }

    /// <summary>The destruction side of a cascade's post-order walk.</summary>
    private readonly struct SubtreeDestruction : IPostOrderVisitor
    {
        private readonly DestructionSystem _system;

        public SubtreeDestruction(DestructionSystem system) => _system = system;

        public bool Descend(int slot) => _system.DescendInWalk(slot);

        public void Leave(int slot) => _system.LeaveInWalk(slot);
    }
}
