using System.Runtime.CompilerServices;
using Engine.Resources.Ecs;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    private readonly CrossThreadCreations _creations = new();

    /// <summary>
    /// Begins creating a resource from any thread — a loader thread that creates a native object must not wait for
    /// the owner thread. The returned creation's handle is usable at once (stored, handed to the owner); the resource
    /// joins the forest at the next <see cref="Update(ulong)"/> after <see cref="ResourceCreation{T}.Complete"/>.
    /// Until it joins (or is cancelled) its parent is held: the parent's destruction waits (it reads as
    /// <see cref="ResourceState.Blocked"/>), so the native object is always destroyed exactly once, with its context.
    /// If the parent's destruction was requested before the join, the resource joins and is destroyed with it.
    /// <see cref="Shutdown"/> waits for every begun creation to complete or cancel, joins what completed, and destroys
    /// it with the rest. Call it before creating the native object; cancel the creation when that fails.
    /// <para>
    /// Throws <see cref="ObjectDisposedException"/> after shutdown, <see cref="ForeignHandleException"/> for a parent
    /// from another registry, an <see cref="InvalidOperationException"/> when <typeparamref name="T"/> was never
    /// registered (<see cref="RegisterKind{T}(string, DestroyCallback{T})"/>), and a <see cref="ResourceHierarchyException"/> when the parent is destroyed or its
    /// destruction has started. On the owner thread every check of <see cref="Create{T}"/> runs too (not inside a
    /// destroy callback); on other threads the context check runs at the join, where a resource whose destroy callback
    /// would lack its context ancestor is marked <see cref="ResourceState.Faulted"/> (never destroyed with a wrong
    /// one). A begin waits only while the owner thread destroys resources in an update, never for the next update.
    /// </para>
    /// </summary>
    public ResourceCreation<T> BeginCreate<T>(ResourceHandle parent = default, string? name = null, ResourceFlags flags = ResourceFlags.None)
        where T : struct
    {
        if (!parent.IsNull && parent.RegistryId != _registryId)
        {
            ThrowUnusable(parent);
        }

        if (CurrentThread.Id == _ownerThread)
        {
            CheckCreate<T>(parent, name, nameof(BeginCreate), out _);
        }
        else if (IsShutDown)
        {
            throw new ObjectDisposedException(nameof(ResourceRegistry), $"{nameof(BeginCreate)}: the resource registry was shut down; nothing can be created in it.");
        }
        else
        {
            _identity.Kinds.EnsureRegistered<T>(nameof(BeginCreate));
        }

        Entity entity = _creations.Begin(World, parent.Entity);
        Interlocked.Or(ref _ownerWork, OwnerWorkCreations); // from now on every update looks for joins
        return new ResourceCreation<T>(_creations, new ResourceHandle<T>(new ResourceHandle(entity, _registryId)), parent.Entity, name, flags);
    }

    /// <summary>Owner thread, at each update and at shutdown: creations that ended join the forest or give their slot back.</summary>
    private void JoinCreations()
    {
        List<ResourceCreation> ended = _creations.TakeEnded(World);
        foreach (ResourceCreation creation in ended)
        {
            Entity parent = creation.Parent;
            if (creation.IsCancelled)
            {
                World.ReleaseReserved(creation.Entity);
                _identity.Freed.OnCreationCancelled(creation.Entity.Id);
                _creations.Release(creation);
                if (!parent.IsNull)
                {
                    _destruction.OnChildMoved(parent); // a parent that waited only for this creation is tried again
                }

                continue;
            }

            World.CreateReserved(creation.Entity);
            creation.AddPayload(this);
            _creations.Release(creation);
            if (!parent.IsNull && StateForNewChildren(parent) != ResourceState.Alive)
            {
                // The parent is going: the newcomer goes with it.
                _destruction.Request(creation.Entity, DestroyMode.Cascade);
            }
        }

        ended.Clear();
    }

    /// <summary>The body of a join, typed: what <see cref="Create{T}"/> does, for an entity reserved earlier.</summary>
    internal void AddJoinedPayload<T>(ResourceCreation creation, in T payload) where T : struct
    {
        Entity entity = creation.Entity;
        var kind = _identity.Kinds.For<T>(nameof(BeginCreate)); // registered: BeginCreate checked, and kinds stay
        Entity parent = creation.Parent;
        Entity context = kind.ContextTypeId < 0 ? Entity.Null : Hierarchy.FindSelfOrAncestorWith(parent, kind.ContextTypeId);
        Unsafe.As<PagedColumn<T>>(kind.Payloads).Set(entity.Id, payload);
        _records.Reset(entity.Id);
        _identity.Add(entity, kind, creation.Name, creation.Flags, Frame, context);
        Lifecycle.Add(entity);
        if (!parent.IsNull)
        {
            Hierarchy.Attach(entity, parent);
        }

        if (kind.ContextTypeId >= 0 && context.IsNull)
        {
            // Never destroyed with a wrong context: faulted, reported, for the owner to abandon.
            string error = $"{_identity.Describe(entity)} joined under {(parent.IsNull ? "no parent" : _identity.Describe(parent))}, which has no {ComponentType.TypeOf(kind.ContextTypeId).Name} ancestor for its destroy callback.";
            Lifecycle.Request(entity, DestroyMode.Block);
            Lifecycle.Fault(entity, error);
            Log.Faulted(kind.Name, creation.Name, Handle(entity), Frame, new ResourceHierarchyException(error));
        }
    }
}
