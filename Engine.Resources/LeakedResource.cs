namespace Engine.Resources;

/// <summary>A resource its owner never released; found (and then destroyed) at shutdown.</summary>
public readonly record struct LeakedResource(ResourceHandle Handle, string Kind, string? Name, long CreationFrame, string Path)
{
    public override string ToString() =>
        $"{Kind} {(Name is null ? string.Empty : $"'{Name}' ")}{Handle} created at frame {CreationFrame}, at {Path}";
}
