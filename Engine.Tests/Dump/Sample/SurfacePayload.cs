namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native Surface handle in the sample engine scenario.</summary>
public struct SurfacePayload
{
    public ulong Native;
}
