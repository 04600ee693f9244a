namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native Fence handle in the sample engine scenario.</summary>
public struct FencePayload
{
    public ulong Native;
}
