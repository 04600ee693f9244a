using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>A <see cref="ResourceHandle"/> that also says the payload type, so access needs no cast.</summary>
public readonly struct ResourceHandle<T> : IEquatable<ResourceHandle<T>> where T : struct
{
    internal ResourceHandle(ResourceHandle handle) => Untyped = handle;

    /// <summary>The same handle without its payload type.</summary>
    public ResourceHandle Untyped { get; }

    /// <summary>The entity (slot and version) in the registry's world.</summary>
    internal Entity Entity => Untyped.Entity;

    /// <summary>The slot.</summary>
    public int Id => Untyped.Id;

    /// <summary>The slot's version when the resource was created.</summary>
    public int Version => Untyped.Version;

    /// <summary>Whether the handle names no resource (the null entity), as <c>default</c> does. A non-null handle may
    /// still be stale.</summary>
    public bool IsNull => Untyped.IsNull;

    /// <summary>Drops the payload type: the same handle as <see cref="Untyped"/>.</summary>
    public static implicit operator ResourceHandle(ResourceHandle<T> handle) => handle.Untyped;

    /// <summary>Whether both name the same slot and version in the same registry.</summary>
    public bool Equals(ResourceHandle<T> other) => Untyped == other.Untyped;

    /// <summary>Whether <paramref name="obj"/> is a <see cref="ResourceHandle{T}"/> of the same payload type naming
    /// the same resource; a boxed untyped <see cref="ResourceHandle"/> never is.</summary>
    public override bool Equals(object? obj) => obj is ResourceHandle<T> other && Equals(other);

    /// <summary>The untyped handle's hash, consistent with <see cref="Equals(ResourceHandle{T})"/>.</summary>
    public override int GetHashCode() => Untyped.GetHashCode();

    /// <summary>Whether both name the same slot and version in the same registry.</summary>
    public static bool operator ==(ResourceHandle<T> left, ResourceHandle<T> right) => left.Equals(right);

    /// <summary>Whether the two differ in slot, version or registry.</summary>
    public static bool operator !=(ResourceHandle<T> left, ResourceHandle<T> right) => !left.Equals(right);

    /// <summary><c>#idvN</c> (<c>#null</c> for a null handle), as the untyped handle prints.</summary>
    public override string ToString() => Untyped.ToString();
}
