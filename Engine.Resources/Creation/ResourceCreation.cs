using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>
/// A resource being created on any thread (a loader thread streaming textures, for example), begun with
/// <see cref="ResourceRegistry.BeginCreate{T}"/>. Its <see cref="ResourceCreation{T}.Handle"/> is usable at once: it can be stored and
/// passed to the owner thread, and it names the resource from the next <see cref="ResourceRegistry.Update(ulong)"/>
/// on, when the resource joins the forest. Until then the parent is held: it cannot be destroyed (it reads as
/// blocked), so the native object always has its context. <see cref="ResourceCreation{T}.Complete"/> hands over the payload;
/// <see cref="Cancel"/> (or <see cref="Dispose"/> without Complete) gives the handle back when the native creation
/// failed. Each creation ends exactly once.
/// </summary>
public abstract class ResourceCreation : IDisposable
{
    private readonly CrossThreadCreations _owner;
    private int _ended; // 0 open, 1 completed, 2 cancelled

    private protected ResourceCreation(CrossThreadCreations owner, Entity entity, Entity parent, string? name, ResourceFlags flags)
    {
        _owner = owner;
        Entity = entity;
        Parent = parent;
        Name = name;
        Flags = flags;
    }

    /// <summary>Whether <see cref="ResourceCreation{T}.Complete"/> was called (the resource joins at the next update).</summary>
    public bool IsCompleted => Volatile.Read(ref _ended) == 1;

    /// <summary>Whether the creation was cancelled.</summary>
    public bool IsCancelled => Volatile.Read(ref _ended) == 2;

    internal Entity Entity { get; }

    internal Entity Parent { get; }

    internal string? Name { get; }

    internal ResourceFlags Flags { get; }

    /// <summary>Gives the reserved handle back: the native object was not created (or was destroyed by its creator).</summary>
    public void Cancel() => End(2);

    /// <summary>Cancels unless <see cref="ResourceCreation{T}.Complete"/> was called, so that a failure between begin and complete loses nothing.</summary>
    public void Dispose()
    {
        if (Volatile.Read(ref _ended) == 0)
        {
            End(2);
        }
    }

    /// <summary>Owner thread, at the join: adds the payload component to the (now alive) entity.</summary>
    internal abstract void AddPayload(ResourceRegistry registry);

    private protected void End(int how)
    {
        string member = how == 1 ? "Complete" : "Cancel";
        if (Interlocked.CompareExchange(ref _ended, how, 0) != 0)
        {
            throw new InvalidOperationException(
                $"{member}: this creation of {ResourceLabels.Quote(Name ?? "(unnamed)")} already ended ({(Volatile.Read(ref _ended) == 1 ? "completed" : "cancelled")}); Complete or Cancel it once.");
        }

        _owner.Ended(this, member);
    }
}

/// <summary>A <see cref="ResourceCreation"/> of a resource whose payload is a <typeparamref name="T"/>.</summary>
public sealed class ResourceCreation<T> : ResourceCreation where T : struct
{
    private T _payload;

    internal ResourceCreation(CrossThreadCreations owner, ResourceHandle<T> handle, Entity parent, string? name, ResourceFlags flags)
        : base(owner, handle.Entity, parent, name, flags)
    {
        Handle = handle;
    }

    /// <summary>The resource's handle, valid from the next update on (before: <c>IsAlive</c> is false).</summary>
    public ResourceHandle<T> Handle { get; }

    /// <summary>Hands over the payload; any thread. The resource joins the forest at the next update.</summary>
    public ResourceHandle<T> Complete(in T payload)
    {
        _payload = payload;
        End(1);
        return Handle;
    }

    internal override void AddPayload(ResourceRegistry registry) => registry.AddJoinedPayload(this, _payload);
}
