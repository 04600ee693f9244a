namespace Engine.Resources.Snapshots;

/// <summary>Interns strings for one write so each distinct kind, type or name is stored once.</summary>
internal sealed class SnapshotStringTable
{
    private readonly Dictionary<string, int> _index;
    private readonly List<string> _strings;

    // Records of one kind usually share the same string instance; checking it first skips hashing.
    private string? _lastString;
    private int _lastIndex;

    public SnapshotStringTable(int capacity = 16)
    {
        _index = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _strings = new List<string>(capacity);
    }

    public IReadOnlyList<string> Strings => _strings;

    public int Intern(string value)
    {
        if (ReferenceEquals(value, _lastString))
        {
            return _lastIndex;
        }

        if (!_index.TryGetValue(value, out int index))
        {
            index = _strings.Count;
            _index.Add(value, index);
            _strings.Add(value);
        }

        _lastString = value;
        _lastIndex = index;
        return index;
    }
}
