using Engine.Resources.Ecs;

namespace Engine.Resources;

/// <summary>
/// A generational reference to a resource of any payload type: the slot and its version (comparing it with the
/// slot's current version detects a destroyed resource on every use) plus the registry that issued it (so a handle
/// used with another registry is recognised, not mistaken for whatever lives in that slot there). Only a registry
/// issues handles; <c>default</c> is <see cref="Null"/>.
/// </summary>
public readonly struct ResourceHandle : IEquatable<ResourceHandle>
{
    /// <summary>No resource: a root's parent, or "none" where a parent is optional.</summary>
    public static readonly ResourceHandle Null;

    internal ResourceHandle(Entity entity, int registryId)
    {
        Entity = entity;
        RegistryId = registryId;
    }

    /// <summary>The entity (slot and version) in the registry's world.</summary>
    internal Entity Entity { get; }

    /// <summary>The slot.</summary>
    public int Id => Entity.Id;

    /// <summary>The slot's version when the resource was created.</summary>
    public int Version => Entity.Version;

    /// <summary>The registry that issued the handle (0 for <see cref="Null"/>).</summary>
    public int RegistryId { get; }

    /// <summary>Whether the handle names no resource (the null entity), as <see cref="Null"/> and <c>default</c> do. A
    /// non-null handle may still be stale.</summary>
    public bool IsNull => Entity.IsNull;

    /// <summary>Whether both name the same slot and version in the same registry.</summary>
    public bool Equals(ResourceHandle other) => Entity == other.Entity && RegistryId == other.RegistryId;

    /// <summary>Whether <paramref name="obj"/> is a <see cref="ResourceHandle"/> naming the same slot and version in
    /// the same registry.</summary>
    public override bool Equals(object? obj) => obj is ResourceHandle other && Equals(other);

    /// <summary>A hash of entity and registry, consistent with <see cref="Equals(ResourceHandle)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Entity, RegistryId);

    /// <summary>Whether both name the same slot and version in the same registry.</summary>
    public static bool operator ==(ResourceHandle left, ResourceHandle right) => left.Equals(right);

    /// <summary>Whether the two differ in slot, version or registry.</summary>
    public static bool operator !=(ResourceHandle left, ResourceHandle right) => !left.Equals(right);

    /// <summary><c>#idvN</c>.</summary>
    public override string ToString() => Entity.ToString();
}
