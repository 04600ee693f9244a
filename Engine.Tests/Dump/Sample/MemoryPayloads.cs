namespace Engine.Tests.Dump.Sample;

/// <summary>A memory block of the sample (a VkDeviceMemory in a real engine).</summary>
public struct BlockPayload
{
    public ulong Native;
}

/// <summary>A sub-allocation of the sample: a range of a block.</summary>
public struct RangePayload
{
    public ulong Offset;
}
