namespace Engine.Resources;

/// <summary>An ownership change was rejected (a cycle, a parent being destroyed, a missing destroy context).
/// The registry is unchanged.</summary>
public sealed class ResourceHierarchyException : InvalidOperationException
{
    public ResourceHierarchyException(string message)
        : base(message)
    {
    }
}
