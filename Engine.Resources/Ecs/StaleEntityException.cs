namespace Engine.Resources.Ecs;

/// <summary>An operation named an entity that is not alive: destroyed earlier (stale) or never created.</summary>
internal sealed class StaleEntityException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="entity"/>; <paramref name="message"/> says why it is not
    /// alive (see <see cref="World.DescribeDead"/>).</summary>
    public StaleEntityException(Entity entity, string message)
        : base(message)
    {
        Entity = entity;
    }

    /// <summary>The entity that was not alive.</summary>
    public Entity Entity { get; }
}
