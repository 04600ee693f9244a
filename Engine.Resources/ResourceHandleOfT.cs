using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>A <see cref="ResourceHandle"/> that also says the payload type, so access needs no cast.</summary>
public readonly struct ResourceHandle<T> : IEquatable<ResourceHandle<T>> where T : struct
{
    public ResourceHandle(Entity entity) => Entity = entity;

    public Entity Entity { get; }

    public ResourceHandle Untyped => new(Entity);

    public bool IsNull => Entity.IsNull;

    public static implicit operator ResourceHandle(ResourceHandle<T> handle) => new(handle.Entity);

    public bool Equals(ResourceHandle<T> other) => Entity == other.Entity;

    public override bool Equals(object? obj) => obj is ResourceHandle<T> other && Equals(other);

    public override int GetHashCode() => Entity.GetHashCode();

    public static bool operator ==(ResourceHandle<T> left, ResourceHandle<T> right) => left.Equals(right);

    public static bool operator !=(ResourceHandle<T> left, ResourceHandle<T> right) => !left.Equals(right);

    public override string ToString() => Entity.ToString();
}
