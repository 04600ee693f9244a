namespace Engine.Resources.Identity;

/// <summary>Debug names by entity id: one reference array, apart from the per-frame records.</summary>
internal sealed class ResourceNames
{
    private string?[] _names = new string?[64];

    public string? this[int id] => id < _names.Length ? _names[id] : null;

    public void Set(int id, string? name)
    {
        if (id >= _names.Length)
        {
            if (name is null)
            {
                return;
            }

            Array.Resize(ref _names, Math.Max(id + 1, _names.Length * 2));
        }

        _names[id] = name;
    }

    public void Reserve(int maxId)
    {
        if (maxId > _names.Length)
        {
            Array.Resize(ref _names, maxId);
        }
    }
}
