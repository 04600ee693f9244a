namespace Engine.Resources.Ecs;

/// <summary>
/// A generational reference to an entity: the slot <see cref="Id"/> plus the <see cref="Version"/> the slot had
/// when the entity was created. Slots are reused only with a new version, so a stale entity never aliases a new one.
/// </summary>
internal readonly struct Entity : IEquatable<Entity>
{
    /// <summary>The null entity (#0v0). Versions start at 1, so it is never alive.</summary>
    public static readonly Entity Null;

    /// <summary>An entity value from a slot and a version; it names a live entity only if a world issued that pair and
    /// has not destroyed it since. Version 0 is <see cref="Null"/>.</summary>
    public Entity(int id, int version)
    {
        Id = id;
        Version = version;
    }

    /// <summary>The slot index in the world's entity tables, reused by a later entity once this one is
    /// destroyed.</summary>
    public int Id { get; }

    /// <summary>The slot's version when the entity was created: 1 or more for a real entity, 0 for
    /// <see cref="Null"/>.</summary>
    public int Version { get; }

    /// <summary>Whether this is the null entity (version 0, as <c>default</c>). A non-null entity may still be dead:
    /// see <see cref="World.IsAlive"/>.</summary>
    public bool IsNull => Version == 0;

    /// <summary>Whether both name the same slot and version, so a stale entity never equals the slot's new
    /// one.</summary>
    public bool Equals(Entity other) => Id == other.Id && Version == other.Version;

    /// <summary>Whether <paramref name="obj"/> is an <see cref="Entity"/> with the same slot and version.</summary>
    public override bool Equals(object? obj) => obj is Entity other && Equals(other);

    /// <summary>A hash of slot and version, consistent with <see cref="Equals(Entity)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Id, Version);

    /// <summary>Whether both name the same slot and version.</summary>
    public static bool operator ==(Entity left, Entity right) => left.Equals(right);

    /// <summary>Whether the two differ in slot or version.</summary>
    public static bool operator !=(Entity left, Entity right) => !left.Equals(right);

    /// <summary><c>#idvN</c> (slot and version, e.g. <c>#3v1</c>), or <c>#null</c> for the null entity.</summary>
    public override string ToString() => IsNull ? "#null" : $"#{Id}v{Version}";
}
