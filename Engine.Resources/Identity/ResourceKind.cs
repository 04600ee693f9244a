using Engine.Resources.Destruction;

namespace Engine.Resources.Identity;

/// <summary>What the registry knows about one payload type: its display kind, destroy callback and live count.</summary>
internal sealed class ResourceKind
{
    public ResourceKind(string name, Type payloadType, Ecs.PagedColumn payloads, Destroyer? destroyer)
    {
        Payloads = payloads;
        TypeId = payloads.TypeId;
        Name = name;
        PayloadType = payloadType;
        Destroyer = destroyer;
        ContextTypeId = destroyer?.ContextTypeId ?? -1;
        ClearsPayloadOnRelease = payloads.ClearsOnRelease;
    }

    public string Name { get; }

    public Type PayloadType { get; }

    public int TypeId { get; }

    /// <summary>The column of this payload type (a PagedColumn&lt;T&gt; of <see cref="PayloadType"/>).</summary>
    public Ecs.PagedColumn Payloads { get; }

    public Destroyer? Destroyer { get; }

    /// <summary>The component type id of the destroy callback's context, or -1 when it needs none.</summary>
    public int ContextTypeId { get; }

    public int LiveCount { get; set; }

    /// <summary>Whether a destroyed resource's payload must be cleared (it holds references); asked once, here.</summary>
    public bool ClearsPayloadOnRelease { get; }
}
