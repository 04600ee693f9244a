namespace Engine.Bench.Baseline;

/// <summary>One resource of the naive registry: a heap object with a <see cref="List{T}"/> of children.</summary>
public sealed class NaiveNode<T> where T : struct
{
    public NaiveNode(int id, in T payload, NaiveNode<T>? parent)
    {
        Id = id;
        Payload = payload;
        Parent = parent;
    }

    public int Id { get; }

    public T Payload;

    public NaiveNode<T>? Parent { get; }

    public List<NaiveNode<T>> Children { get; } = new();

    /// <summary>Destruction was requested; the node goes once it has no children and the GPU is done with it.</summary>
    public bool Pending;

    public ulong LastGpuUse;

    public bool Destroyed;
}
