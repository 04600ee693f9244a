namespace Engine.Resources;

/// <summary>
/// The calling thread's managed id, cached in a thread-static field: the owner-thread check runs on every
/// <see cref="ResourceRegistry.Get{T}"/>, and reading one inlined thread-static is cheaper than
/// <see cref="Environment.CurrentManagedThreadId"/>, which goes through the current Thread object.
/// </summary>
internal static class CurrentThread
{
    [ThreadStatic]
    private static int t_id;

    public static int Id
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get
        {
            int id = t_id;
            return id != 0 ? id : t_id = Environment.CurrentManagedThreadId;
        }
    }
}
