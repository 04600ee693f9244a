namespace Engine.Resources.Ecs;

/// <summary>An operation named an entity that is not alive: destroyed earlier (stale) or never created.</summary>
public sealed class StaleEntityException : InvalidOperationException
{
    public StaleEntityException(Entity entity, string message)
        : base(message)
    {
        Entity = entity;
    }

    public Entity Entity { get; }
}
