namespace Engine.Resources.Destruction;

/// <summary>What the registry knows about one payload type: its display kind, destroy callback and live count.</summary>
internal sealed class ResourceKind
{
    public ResourceKind(string name, Type payloadType, int typeId, Destroyer? destroyer)
    {
        Name = name;
        PayloadType = payloadType;
        TypeId = typeId;
        Destroyer = destroyer;
    }

    public string Name { get; }

    public Type PayloadType { get; }

    public int TypeId { get; }

    public Destroyer? Destroyer { get; }

    public int ContextTypeId => Destroyer?.ContextTypeId ?? -1;

    public int LiveCount { get; set; }
}
