namespace Engine.Bench.Forests;

/// <summary>The payload of every benchmark resource: the size of a native handle, so figures are the registry's own.</summary>
public struct BenchPayload
{
    public long Value;
}
