namespace Engine.Bench.Forests;

/// <summary>How long the forest has lived before it is measured.</summary>
public enum ForestAge
{
    /// <summary>Built once, in slot order.</summary>
    Fresh,

    /// <summary>
    /// After <see cref="Forest.AgingCycles"/> cycles of destroying the whole forest and building it again, as a
    /// long-running engine does: freed slots are reused last-in-first-out, so trees end up scattered over memory.
    /// </summary>
    Aged,
}
