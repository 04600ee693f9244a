namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native Image handle in the sample engine scenario.</summary>
public struct ImagePayload
{
    public ulong Native;
}
