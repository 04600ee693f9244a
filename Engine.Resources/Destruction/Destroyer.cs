using Engine.Resources.Ecs;

namespace Engine.Resources.Destruction;

/// <summary>Calls a payload type's destroy callback for an entity, by id, without boxing the payload.</summary>
internal abstract class Destroyer
{
    /// <summary>The component type id of the context payload, or -1 when the callback needs none.</summary>
    public abstract int ContextTypeId { get; }

    /// <summary>Calls the callback with the payload of slot <paramref name="id"/> and, when it takes one, the payload of
    /// slot <paramref name="contextId"/>.</summary>
    public abstract void Destroy(int id, int contextId);
}

internal sealed class Destroyer<T> : Destroyer where T : struct
{
    private readonly PagedColumn<T> _payloads;
    private readonly DestroyCallback<T> _callback;

    public Destroyer(World world, DestroyCallback<T> callback)
    {
        _payloads = world.Column<T>();
        _callback = callback;
    }

    public override int ContextTypeId => -1;

    public override void Destroy(int id, int contextId) => _callback(ref _payloads.Get(id));
}

internal sealed class Destroyer<T, TContext> : Destroyer where T : struct where TContext : struct
{
    private readonly PagedColumn<T> _payloads;
    private readonly PagedColumn<TContext> _contexts;
    private readonly DestroyCallback<T, TContext> _callback;

    public Destroyer(World world, DestroyCallback<T, TContext> callback)
    {
        _payloads = world.Column<T>();
        _contexts = world.Column<TContext>();
        _callback = callback;
    }

    public override int ContextTypeId => ComponentType<TContext>.Id;

    public override void Destroy(int id, int contextId) => _callback(ref _payloads.Get(id), ref _contexts.Get(contextId));
}
