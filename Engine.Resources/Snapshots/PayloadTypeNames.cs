namespace Engine.Resources.Snapshots;

/// <summary>Payload type names for one capture: resources come in runs of one type, so the last type is remembered.</summary>
internal sealed class PayloadTypeNames
{
    private Type? _last;
    private string _lastName = string.Empty;

    public string Of(Type type)
    {
        if (!ReferenceEquals(type, _last))
        {
            _last = type;
            _lastName = type.FullName ?? type.Name;
        }

        return _lastName;
    }
}
