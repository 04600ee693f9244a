namespace Engine.Resources;

/// <summary>An ownership change was rejected (a cycle, a parent being destroyed, a missing destroy context).
/// The registry is unchanged.</summary>
public sealed class ResourceHierarchyException : InvalidOperationException
{
    /// <summary>Creates the exception; <paramref name="message"/> names the resources involved and why the change was
    /// rejected.</summary>
    public ResourceHierarchyException(string message)
        : base(message)
    {
    }
}
