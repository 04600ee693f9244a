namespace Engine.Tests.Dump.Sample;

/// <summary>Stand-in for a native buffer; <see cref="FailOnDestroy"/> makes its destroy callback throw.</summary>
public struct BufferPayload
{
    public ulong Native;
    public bool FailOnDestroy;
}
