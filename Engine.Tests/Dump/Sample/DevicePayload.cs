namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native Device handle in the sample engine scenario.</summary>
public struct DevicePayload
{
    public ulong Native;
}
