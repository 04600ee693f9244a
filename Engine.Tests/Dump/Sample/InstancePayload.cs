namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native Instance handle in the sample engine scenario.</summary>
public struct InstancePayload
{
    public ulong Native;
}
