namespace Engine.Resources.Identity;

/// <summary>
/// Debug names by entity id: one reference array, apart from the per-resource records. Grown only as far as named
/// resources reach, so a registry whose resources have no names pays nothing per resource (no memory, no store when
/// one is destroyed). A freed slot keeps the name of its last resource until the slot's next resource replaces it
/// (names a stale handle's error); so the array holds at most one name per slot, as many as were ever alive at once.
/// </summary>
internal sealed class ResourceNames
{
    private string?[] _names = [];
    private bool _anyNamed;

    public string? this[int id] => (uint)id < (uint)_names.Length ? _names[id] : null;

    /// <summary>Whether any resource was ever named (until then, creating and destroying never touch the names).</summary>
    public bool AnyNamed => _anyNamed;

    public void Set(int id, string? name)
    {
        if (id >= _names.Length)
        {
            if (name is null)
            {
                return;
            }

            Array.Resize(ref _names, Math.Max(id + 1, Math.Max(64, _names.Length * 2)));
        }

        _names[id] = name;
        _anyNamed |= name is not null;
    }

    /// <summary>Room for ids below <paramref name="maxId"/>, once names are in use (creating named resources then
    /// allocates nothing).</summary>
    public void Reserve(int maxId)
    {
        if (_anyNamed && maxId > _names.Length)
        {
            Array.Resize(ref _names, maxId);
        }
    }
}
