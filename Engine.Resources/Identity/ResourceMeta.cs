namespace Engine.Resources.Identity;

/// <summary>
/// The hot part of a resource's identity: its kind (by payload type), flags and the slot of its destroy context. Cold
/// parts (creation frame, size, debug name) live in <see cref="ResourceIdentity"/>'s side arrays, so the per-resource
/// record stays small and destroying a resource never touches them.
/// </summary>
internal struct ResourceMeta
{
    /// <summary>The slot + 1 of the nearest ancestor whose payload the destroy callback receives (0 = none needed),
    /// found when the resource was created or moved, so the destroy path never searches ancestors. Written only by
    /// <see cref="ResourceIdentity"/>.</summary>
    public int Context;

    /// <summary>The payload's component type id, which names the kind and the column that holds the payload.</summary>
    public ushort TypeId;

    public ResourceFlags Flags;
}
