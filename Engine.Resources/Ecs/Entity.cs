namespace Engine.Resources.Ecs;

/// <summary>
/// A generational reference to an entity: the slot <see cref="Id"/> plus the <see cref="Version"/> the slot had
/// when the entity was created. Slots are reused only with a new version, so a stale entity never aliases a new one.
/// </summary>
public readonly struct Entity : IEquatable<Entity>
{
    /// <summary>The null entity (#0v0). Versions start at 1, so it is never alive.</summary>
    public static readonly Entity Null;

    public Entity(int id, int version)
    {
        Id = id;
        Version = version;
    }

    public int Id { get; }

    public int Version { get; }

    public bool IsNull => Version == 0;

    public bool Equals(Entity other) => Id == other.Id && Version == other.Version;

    public override bool Equals(object? obj) => obj is Entity other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Id, Version);

    public static bool operator ==(Entity left, Entity right) => left.Equals(right);

    public static bool operator !=(Entity left, Entity right) => !left.Equals(right);

    public override string ToString() => IsNull ? "#null" : $"#{Id}v{Version}";
}
