namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native ImageView handle in the sample engine scenario.</summary>
public struct ImageViewPayload
{
    public ulong Native;
}
