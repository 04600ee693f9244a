namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native CommandPool handle in the sample engine scenario.</summary>
public struct CommandPoolPayload
{
    public ulong Native;
}
