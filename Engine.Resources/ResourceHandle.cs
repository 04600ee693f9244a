using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>
/// A generational reference to a resource of any payload type. Comparing its version with the slot's current
/// version detects a destroyed resource on every use.
/// </summary>
public readonly struct ResourceHandle : IEquatable<ResourceHandle>
{
    public static readonly ResourceHandle Null;

    public ResourceHandle(Entity entity) => Entity = entity;

    public Entity Entity { get; }

    public int Id => Entity.Id;

    public int Version => Entity.Version;

    public bool IsNull => Entity.IsNull;

    public bool Equals(ResourceHandle other) => Entity == other.Entity;

    public override bool Equals(object? obj) => obj is ResourceHandle other && Equals(other);

    public override int GetHashCode() => Entity.GetHashCode();

    public static bool operator ==(ResourceHandle left, ResourceHandle right) => left.Equals(right);

    public static bool operator !=(ResourceHandle left, ResourceHandle right) => !left.Equals(right);

    public override string ToString() => Entity.ToString();
}
