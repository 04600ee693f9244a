namespace Engine.Bench.Baseline;

/// <summary>Destroys the native object behind a naive registry's payload.</summary>
public delegate void NaiveDestroyCallback<T>(ref T payload)
    where T : struct;
