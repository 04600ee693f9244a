namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native CommandBuffer handle in the sample engine scenario.</summary>
public struct CommandBufferPayload
{
    public ulong Native;
}
