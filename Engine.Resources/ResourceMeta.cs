namespace Engine.Resources;

/// <summary>The identity of a resource that is not its payload: kind (by payload type), name, origin, size.</summary>
internal struct ResourceMeta
{
    public int TypeId;
    public ResourceFlags Flags;
    public string? Name;
    public long CreationFrame;
    public long SizeBytes;
}
