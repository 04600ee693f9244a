namespace Engine.Resources;

/// <summary>Destroys the native object behind a payload that needs nothing else.</summary>
public delegate void DestroyCallback<T>(ref T payload)
    where T : struct;

/// <summary>
/// Destroys the native object behind a payload with the help of its context: the nearest ancestor whose payload is a
/// <typeparamref name="TContext"/> (a buffer's device, a command buffer's pool). The context is alive during the call.
/// </summary>
public delegate void DestroyCallback<T, TContext>(ref T payload, ref TContext context)
    where T : struct
    where TContext : struct;
