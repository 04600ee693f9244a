namespace Engine.Resources.Identity;

/// <summary>
/// The identity of a resource that is not its payload: kind (by payload type), flags, origin, size. No references
/// (debug names are kept in <see cref="ResourceNames"/>), so the record is cheap to write and for the GC to skip.
/// </summary>
internal struct ResourceMeta
{
    public int TypeId;
    public ResourceFlags Flags;
    public long CreationFrame;
    public long SizeBytes;
}
