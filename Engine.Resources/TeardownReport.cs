namespace Engine.Resources;

/// <summary>What <see cref="ResourceRegistry.Shutdown"/> found and did.</summary>
public sealed class TeardownReport
{
    internal TeardownReport(IReadOnlyList<LeakedResource> leaks, IReadOnlyList<ResourceInfo> notDestroyed, int destroyed)
    {
        Leaks = leaks;
        NotDestroyed = notDestroyed;
        Destroyed = destroyed;
    }

    /// <summary>Resources never released by their owner (destroyed by the shutdown all the same, unless listed in
    /// <see cref="NotDestroyed"/>).</summary>
    public IReadOnlyList<LeakedResource> Leaks { get; }

    /// <summary>Resources shutdown could not destroy: faulted ones (their callback threw again) and their ancestors,
    /// which would otherwise be destroyed before a child.</summary>
    public IReadOnlyList<ResourceInfo> NotDestroyed { get; }

    /// <summary>How many resources the shutdown destroyed.</summary>
    public int Destroyed { get; }

    /// <summary>True when the shutdown found no leak and destroyed everything: <see cref="Leaks"/> and
    /// <see cref="NotDestroyed"/> are both empty.</summary>
    public bool IsClean => Leaks.Count == 0 && NotDestroyed.Count == 0;
}
