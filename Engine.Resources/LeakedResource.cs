namespace Engine.Resources;

/// <summary>A resource its owner never released; found (and then destroyed) at shutdown.</summary>
public readonly record struct LeakedResource(ResourceHandle Handle, string Kind, string? Name, long CreationFrame, ResourcePath Path)
{
    /// <summary>How many labels of the path <see cref="ToString"/> and the leak log event show.</summary>
    public const int ShownPathLabels = 16;

    /// <summary><c>Kind "name" #idvN</c>.</summary>
    public string Label => ResourceLabels.Format(Kind, Name, Handle);

    /// <summary>Label, creation frame and ownership path (at most <see cref="ShownPathLabels"/> labels), as the leak
    /// log shows it.</summary>
    public override string ToString() => $"{Label} created at frame {CreationFrame}, at {Path.ToString(ShownPathLabels)}";
}
