using Engine.Resources;
using Engine.Tests.Dump.Sample;

namespace Engine.Tests.Snapshots;

/// <summary>
/// A registry the size the snapshot budget is set for: one instance, one device, 1,000 command pools with
/// 999 named buffers each (1,000,002 resources); every buffer named, the worst case for the name table.
/// </summary>
public sealed class LargeForest : IDisposable
{
    public const int Pools = 1000;
    public const int BuffersPerPool = 999;

    public LargeForest()
    {
        Registry = new ResourceRegistry();
        Registry.RegisterKind<InstancePayload>("Instance");
        Registry.RegisterKind<DevicePayload>("Device");
        Registry.RegisterKind<CommandPoolPayload>("CommandPool");
        Registry.RegisterKind<BufferPayload>("Buffer");
        Registry.Reserve<BufferPayload>(Pools * BuffersPerPool);
        ResourceHandle instance = Registry.Create(new InstancePayload(), name: "vulkan");
        Device = Registry.Create(new DevicePayload(), instance, "gpu");
        for (int p = 0; p < Pools; p++)
        {
            ResourceHandle pool = Registry.Create(new CommandPoolPayload(), Device, $"pool {p}");
            for (int b = 0; b < BuffersPerPool; b++)
            {
                ResourceHandle buffer = Registry.Create(new BufferPayload { Native = (ulong)b }, pool, $"mesh {p}/{b}");
                Registry.SetSizeBytes(buffer, 4096 + b);
            }
        }

        Registry.Update(0);
    }

    public ResourceRegistry Registry { get; }

    public ResourceHandle Device { get; }

    public int Count => Registry.Count;

    public void Dispose() => Registry.Dispose();
}
