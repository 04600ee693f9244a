namespace Engine.Resources.Ecs;

/// <summary>Process-wide dense ids for component types, so pools are found by array index, never by dictionary.</summary>
internal static class ComponentType
{
    /// <summary>A resource record keeps its payload type id in 16 bits; more distinct component types is an error. The
    /// two values at the top of the range are no type's: a freed slot's record keeps markers there
    /// (<see cref="Identity.FreedSlotLabels"/>).</summary>
    public const int MaxTypes = ushort.MaxValue - 1;

    private static int s_next;
    private static readonly object s_lock = new();
    private static readonly List<Type> s_types = new();

    internal static int Register(Type type)
    {
        lock (s_lock)
        {
            if (s_next >= MaxTypes)
            {
                throw new InvalidOperationException(
                    $"Component type {type.FullName} cannot be registered: at most {MaxTypes} component types are supported.");
            }

            s_types.Add(type);
            return s_next++;
        }
    }

    /// <summary>The CLR type behind a component type id.</summary>
    public static Type TypeOf(int id)
    {
        lock (s_lock)
        {
            return s_types[id];
        }
    }
}

/// <summary>The id of component type <typeparamref name="T"/>; a JIT-time constant after the first use.</summary>
internal static class ComponentType<T> where T : struct
{
    /// <summary>The dense id of <typeparamref name="T"/>, below <see cref="ComponentType.MaxTypes"/>. Assigned on
    /// first use, in first-use order, so it is fixed for the process but may differ between runs.</summary>
    public static readonly int Id = ComponentType.Register(typeof(T));
}
