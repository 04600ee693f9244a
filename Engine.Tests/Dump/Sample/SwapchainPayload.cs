namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native Swapchain handle in the sample engine scenario.</summary>
public struct SwapchainPayload
{
    public ulong Native;
}
