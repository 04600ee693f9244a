namespace Engine.Bench.Baseline;

/// <summary>
/// A deliberately naive resource registry, the same-run baseline of every benchmark: one heap object per resource,
/// a <see cref="List{T}"/> of children per node, handles looked up in a <see cref="Dictionary{TKey, TValue}"/>, a
/// locked list of requests, and an update that walks the whole forest (post-order, so children still go before
/// their parents and a parent whose last child just went is destroyed in the same update) to find what is pending.
/// It is what one writes first; it keeps the same rules so the comparison is about cost, not about semantics.
/// </summary>
public sealed class NaiveRegistry<T> where T : struct
{
    private static readonly Predicate<NaiveNode<T>> IsDestroyed = static node => node.Destroyed;

    private readonly NaiveDestroyCallback<T>? _destroy;
    private readonly Dictionary<int, NaiveNode<T>> _nodes = new();
    private readonly List<NaiveNode<T>> _roots = new();
    private readonly object _lock = new();
    private List<(int Id, bool Cascade)> _incoming = new();
    private List<(int Id, bool Cascade)> _draining = new();
    private int _nextId = 1;
    private ulong _completedGpuValue;
    private int _destroyedThisUpdate;

    public NaiveRegistry(NaiveDestroyCallback<T>? destroy = null) => _destroy = destroy;

    public int Count => _nodes.Count;

    public NaiveHandle Create(in T payload, NaiveHandle parent = default)
    {
        NaiveNode<T>? parentNode = null;
        if (!parent.IsNull)
        {
            parentNode = Node(parent);
            if (parentNode.Pending)
            {
                throw new InvalidOperationException($"Cannot create under {parent}: it is being destroyed.");
            }
        }

        var node = new NaiveNode<T>(_nextId++, payload, parentNode);
        _nodes.Add(node.Id, node);
        (parentNode?.Children ?? _roots).Add(node);
        return new NaiveHandle(node.Id);
    }

    public bool IsAlive(NaiveHandle handle) => _nodes.ContainsKey(handle.Id);

    public ref T Get(NaiveHandle handle) => ref Node(handle).Payload;

    public void MarkInUse(NaiveHandle handle, ulong timelineValue)
    {
        var node = Node(handle);
        node.LastGpuUse = Math.Max(node.LastGpuUse, timelineValue);
    }

    /// <summary>Safe on any thread: the request is queued under a lock and applied at the next update.</summary>
    public void RequestDestroy(NaiveHandle handle, bool cascade)
    {
        lock (_lock)
        {
            _incoming.Add((handle.Id, cascade));
        }
    }

    /// <summary>Applies the requests, then walks every resource to destroy what is ready. Returns how many went.</summary>
    public int Update(ulong completedGpuValue)
    {
        _completedGpuValue = Math.Max(_completedGpuValue, completedGpuValue);
        lock (_lock)
        {
            (_incoming, _draining) = (_draining, _incoming);
        }

        foreach (var (id, cascade) in _draining)
        {
            if (_nodes.TryGetValue(id, out var node))
            {
                if (cascade)
                {
                    MarkSubtree(node);
                }
                else
                {
                    node.Pending = true;
                }
            }
        }

        _draining.Clear();
        _destroyedThisUpdate = 0;
        if (VisitAll(_roots))
        {
            _roots.RemoveAll(IsDestroyed);
        }

        return _destroyedThisUpdate;
    }

    private static void MarkSubtree(NaiveNode<T> node)
    {
        node.Pending = true;
        foreach (var child in node.Children)
        {
            MarkSubtree(child);
        }
    }

    /// <summary>Post-order over <paramref name="nodes"/> and their subtrees; true when one of them was destroyed.</summary>
    private bool VisitAll(List<NaiveNode<T>> nodes)
    {
        bool any = false;
        for (int i = 0; i < nodes.Count; i++)
        {
            any |= Visit(nodes[i]);
        }

        return any;
    }

    private bool Visit(NaiveNode<T> node)
    {
        if (VisitAll(node.Children))
        {
            node.Children.RemoveAll(IsDestroyed);
        }

        if (!node.Pending || node.Children.Count > 0 || node.LastGpuUse > _completedGpuValue)
        {
            return false;
        }

        _destroy?.Invoke(ref node.Payload);
        node.Destroyed = true;
        _nodes.Remove(node.Id);
        _destroyedThisUpdate++;
        return true;
    }

    private NaiveNode<T> Node(NaiveHandle handle) =>
        _nodes.TryGetValue(handle.Id, out var node)
            ? node
            : throw new InvalidOperationException($"Naive handle {handle} is stale.");
}
