using System.Runtime.CompilerServices;
using Engine.Resources.Ecs;
using Engine.Resources.Identity;
using Engine.Resources.Ownership;

namespace Engine.Resources;

public sealed partial class ResourceRegistry
{
    /// <summary>
    /// Registers a resource with its payload, under <paramref name="parent"/> (or as a root when it is null).
    /// <typeparamref name="T"/> must have been registered with <see cref="RegisterKind{T}(string, DestroyCallback{T})"/>
    /// (or its overload with a context): otherwise an <see cref="InvalidOperationException"/> is thrown and nothing
    /// changes. Rejected with a <see cref="ResourceHierarchyException"/>, changing nothing, when the parent is no longer
    /// <see cref="ResourceState.Alive"/> (its destruction was requested, even by another thread and not yet applied),
    /// or when the payload's destroy callback needs a context ancestor the new position lacks.
    /// </summary>
    public ResourceHandle<T> Create<T>(in T payload, ResourceHandle parent = default, string? name = null, ResourceFlags flags = ResourceFlags.None)
        where T : struct
    {
        var kind = CheckCreate<T>(parent, name, nameof(Create), out Entity context);
        Entity entity = World.Create();
        Unsafe.As<PagedColumn<T>>(kind.Payloads).Set(entity.Id, payload);
        _records.Reset(entity.Id);
        _identity.Add(entity, kind, name, flags, Frame, context);
        Lifecycle.Add(entity);
        if (!parent.IsNull)
        {
            Hierarchy.Attach(entity, parent.Entity);
        }

        return new ResourceHandle<T>(Handle(entity));
    }

    /// <summary>
    /// Runs every check <see cref="Create{T}"/> would run for a <typeparamref name="T"/> under <paramref name="parent"/>,
    /// and throws the same errors, without creating anything: call it before creating the native object, so that a
    /// refused position (or a registry that was shut down) never leaves a native object to clean up, nor calls a
    /// driver with a device that is already gone.
    /// </summary>
    public void EnsureCanCreate<T>(ResourceHandle parent = default, string? name = null) where T : struct =>
        CheckCreate<T>(parent, name, nameof(EnsureCanCreate), out _);

    /// <summary>The checks of <see cref="Create{T}"/>, inlined there (creation is a per-frame path); the failures are
    /// thrown out of line, naming <paramref name="member"/>, the public call. Finds the destroy context on the way (the
    /// one ancestor search), for the record to keep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Identity.ResourceKind CheckCreate<T>(ResourceHandle parent, string? name, string member, out Entity context) where T : struct
    {
        CheckMutable(member);
        var kind = _identity.Kinds.For<T>(member);
        if (!parent.IsNull)
        {
            EnsureAlive(parent, member);
            var parentState = StateForNewChildren(parent.Entity);
            if (parentState != ResourceState.Alive)
            {
                ThrowParentClosing(kind, name, parent, parentState, member);
            }
        }

        context = Entity.Null;
        if (kind.ContextTypeId >= 0)
        {
            context = Hierarchy.FindSelfOrAncestorWith(parent.Entity, kind.ContextTypeId);
            if (context.IsNull)
            {
                ThrowNoContext(kind, name, parent, member);
            }
        }

        return kind;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowParentClosing(Identity.ResourceKind kind, string? name, ResourceHandle parent, ResourceState parentState, string member) =>
        throw new ResourceHierarchyException(
            $"{member}: cannot create {NewLabel(kind.Name, name)} under {_identity.Describe(parent.Entity)}: the parent is being destroyed ({parentState}).");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNoContext(Identity.ResourceKind kind, string? name, ResourceHandle parent, string member) =>
        throw new ResourceHierarchyException(
            $"{member}: cannot create {NewLabel(kind.Name, name)} under {(parent.IsNull ? "no parent" : _identity.Describe(parent.Entity))}: its destroy callback needs a {ComponentType.TypeOf(kind.ContextTypeId).Name} ancestor and there is none.");

    /// <summary>Whether the handle names a live resource of this registry (false after shutdown). Safe on any thread.</summary>
    public bool IsAlive(ResourceHandle handle) =>
        handle.RegistryId == _registryId && !IsShutDown && World.IsAlive(handle.Entity);

    /// <summary>
    /// The payload, by reference. Throws <see cref="StaleHandleException"/> when the handle is stale (naming the
    /// resource it named while its slot has not been used again), <see cref="ForeignHandleException"/> when another
    /// registry issued it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Get<T>(ResourceHandle<T> handle) where T : struct
    {
        CheckOwner();
        EnsureAlive(handle.Untyped);
        int slot = handle.Entity.Id;
        if (_records[slot].Meta.TypeId != ComponentType<T>.Id)
        {
            ThrowWrongPayload(handle, typeof(T));
        }

        return ref World.Column<T>().Get(slot);
    }

    /// <summary>
    /// Moves a resource (and its subtree) under <paramref name="newParent"/>, or makes it a root when null; it becomes
    /// the new parent's youngest child. Rejected with a <see cref="ResourceHierarchyException"/>, changing nothing
    /// (sibling order included), when the move would create a cycle, when the new parent is no longer
    /// <see cref="ResourceState.Alive"/>, or when a moved resource would lose the context its destroy callback needs.
    /// </summary>
    public void SetParent(ResourceHandle child, ResourceHandle newParent)
    {
        CheckMutable();
        EnsureAlive(child);
        _destruction.ExpandDeferred(); // the moved subtree's marks decide what stays requested
        if (!newParent.IsNull)
        {
            EnsureAlive(newParent);
            var state = StateForNewChildren(newParent.Entity);
            if (state != ResourceState.Alive)
            {
                throw new ResourceHierarchyException(
                    $"{nameof(SetParent)}: cannot move {_identity.Describe(child.Entity)} under {_identity.Describe(newParent.Entity)}: the new parent is being destroyed ({state}).");
            }
        }

        Hierarchy.EnsureCanMove(child.Entity, newParent.Entity, nameof(SetParent));
        if (!newParent.IsNull && Dependencies.Any && Dependencies.MustPrecede(newParent.Entity, child.Entity))
        {
            throw new ResourceHierarchyException(
                $"{nameof(SetParent)}: cannot move {_identity.Describe(child.Entity)} under {_identity.Describe(newParent.Entity)}: the new parent already has to be destroyed before it (through dependencies), so the move would create a cycle.");
        }

        if (FindMissingContext(child.Entity, newParent.Entity) is { } missing)
        {
            throw new ResourceHierarchyException(
                $"{nameof(SetParent)}: cannot move {_identity.Describe(child.Entity)} under {(newParent.IsNull ? "no parent" : _identity.Describe(newParent.Entity))}: {missing}");
        }

        Entity oldParent = Hierarchy.ParentOf(child.Entity);
        Hierarchy.SetParent(child.Entity, newParent.Entity);
        RebindContexts(child.Entity);
        _destruction.OnMoved(child.Entity, oldParent);
    }

    /// <summary>Records the size of a resource (for diagnostics and snapshots): between 0 and <see cref="MaxSizeBytes"/>.
    /// Allowed inside a destroy callback.</summary>
    public void SetSizeBytes(ResourceHandle handle, long bytes)
    {
        CheckOwner();
        EnsureAlive(handle);
        if (bytes < 0 || bytes > MaxSizeBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes,
                $"{nameof(SetSizeBytes)}: the size of {_identity.Describe(handle.Entity)} must be between 0 and {MaxSizeBytes:N0} bytes (1 TiB).");
        }

        _identity.SetSize(handle.Entity, bytes);
    }

    /// <summary>
    /// Records that GPU work which completes at timeline value <paramref name="timelineValue"/> uses the resource:
    /// its destruction (and so its ancestors') waits until an update reports that value completed. Allowed inside a
    /// destroy callback.
    /// </summary>
    public void MarkInUse(ResourceHandle handle, ulong timelineValue)
    {
        CheckOwner();
        EnsureAlive(handle);
        Lifecycle.RecordGpuUse(handle.Entity, timelineValue);
    }

    /// <summary>
    /// <see cref="MarkInUse(ResourceHandle, ulong)"/> for every handle of a submission at once, allocation-free. All
    /// or nothing: every handle is checked before any is marked, so a stale or foreign one throws and marks none.
    /// </summary>
    public void MarkInUse(ReadOnlySpan<ResourceHandle> handles, ulong timelineValue)
    {
        CheckOwner();
        foreach (ResourceHandle handle in handles)
        {
            EnsureAlive(handle);
        }

        foreach (ResourceHandle handle in handles)
        {
            Lifecycle.RecordGpuUse(handle.Entity, timelineValue);
        }
    }

    /// <summary>
    /// Checks, before anything moves, that every destroy callback in the subtree of <paramref name="root"/> would still
    /// find its context ancestor with the subtree under <paramref name="newParent"/>.
    /// </summary>
    private string? FindMissingContext(Entity root, Entity newParent)
    {
        var check = new ContextCheck(this, root, newParent);
        Hierarchy.Walk(root, ref check);
        return check.Missing is { } node
            ? $"{_identity.Describe(node)} would have no {ComponentType.TypeOf(_identity.KindOf(node).ContextTypeId).Name} ancestor for its destroy callback."
            : null;
    }

    /// <summary>After a move: every resource of the moved subtree whose callback takes a context finds it again (the
    /// check before the move made sure each has one), so the destroy path keeps reading it from the record.</summary>
    private void RebindContexts(Entity root)
    {
        var rebind = new ContextRebind(this);
        Hierarchy.Walk(root, ref rebind);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongPayload(ResourceHandle handle, Type type) =>
        throw new StaleHandleException(handle, $"{nameof(Get)}<{type.Name}>: resource handle {handle} names {_identity.Describe(handle.Entity)}, whose payload is not a {type.Name}.");

    private static string NewLabel(string kind, string? name) =>
        name is null ? $"a new {ResourceLabels.Escape(kind)}" : $"{ResourceLabels.Escape(kind)} {ResourceLabels.Quote(name)}";

    /// <summary>Records, for each resource of a moved subtree, the context its destroy callback now receives.</summary>
    private readonly struct ContextRebind : ISubtreeVisitor
    {
        private readonly ResourceRegistry _registry;

        public ContextRebind(ResourceRegistry registry) => _registry = registry;

        public bool Enter(Entity node)
        {
            int typeId = _registry._identity.KindOf(node).ContextTypeId;
            if (typeId >= 0)
            {
                Hierarchy hierarchy = _registry.Hierarchy;
                _registry._identity.SetContext(node, hierarchy.FindSelfOrAncestorWith(hierarchy.ParentOf(node), typeId));
            }

            return true;
        }
    }

    /// <summary>Finds the first node of a moved subtree whose context ancestor the move would take away.</summary>
    private struct ContextCheck : ISubtreeVisitor
    {
        private readonly ResourceRegistry _registry;
        private readonly Entity _root;
        private readonly Entity _newParent;

        public ContextCheck(ResourceRegistry registry, Entity root, Entity newParent)
        {
            _registry = registry;
            _root = root;
            _newParent = newParent;
            Missing = null;
        }

        public Entity? Missing { get; private set; }

        public bool Enter(Entity node)
        {
            if (Missing is not null)
            {
                return false;
            }

            ResourceKind kind = _registry._identity.KindOf(node);
            if (kind.ContextTypeId >= 0 && !HasContext(node, kind.ContextTypeId))
            {
                Missing = node;
                return false;
            }

            return true;
        }

        /// <summary>Inside the moved subtree the ancestors stay; above its root they become the new parent's.</summary>
        private readonly bool HasContext(Entity node, int typeId)
        {
            Hierarchy hierarchy = _registry.Hierarchy;
            return (node != _root && !hierarchy.FindSelfOrAncestorWith(hierarchy.ParentOf(node), typeId, stopAfter: _root).IsNull)
                || !hierarchy.FindSelfOrAncestorWith(_newParent, typeId).IsNull;
        }
    }
}
