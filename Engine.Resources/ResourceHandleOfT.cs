using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>A <see cref="ResourceHandle"/> that also says the payload type, so access needs no cast.</summary>
public readonly struct ResourceHandle<T> : IEquatable<ResourceHandle<T>> where T : struct
{
    internal ResourceHandle(ResourceHandle handle) => Untyped = handle;

    /// <summary>The same handle without its payload type.</summary>
    public ResourceHandle Untyped { get; }

    public Entity Entity => Untyped.Entity;

    public int Id => Untyped.Id;

    public int Version => Untyped.Version;

    public bool IsNull => Untyped.IsNull;

    public static implicit operator ResourceHandle(ResourceHandle<T> handle) => handle.Untyped;

    public bool Equals(ResourceHandle<T> other) => Untyped == other.Untyped;

    public override bool Equals(object? obj) => obj is ResourceHandle<T> other && Equals(other);

    public override int GetHashCode() => Untyped.GetHashCode();

    public static bool operator ==(ResourceHandle<T> left, ResourceHandle<T> right) => left.Equals(right);

    public static bool operator !=(ResourceHandle<T> left, ResourceHandle<T> right) => !left.Equals(right);

    public override string ToString() => Untyped.ToString();
}
