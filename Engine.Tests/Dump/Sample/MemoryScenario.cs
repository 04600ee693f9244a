using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Dump.Sample;

/// <summary>
/// GPU memory as an engine lays it out (Engine.Render's GpuMemory): blocks under the device; each sub-allocation under
/// its user's parent, depending on its block and placed in it, with the buffer or image bound to it below. One block is
/// fragmented (ranges freed between live ones), one is full. docs/examples/memory.ressnap is its capture.
/// </summary>
public sealed class MemoryScenario : IDisposable
{
    public const long BlockBytes = 1 << 20;
    public const long ImageBlockBytes = 256 << 10;

    public MemoryScenario()
    {
        Registry = new ResourceRegistry();
        Registry.RegisterKind<InstancePayload>("Instance", (ref InstancePayload _) => { });
        Registry.RegisterKind<DevicePayload>("Device", (ref DevicePayload _) => { });
        Registry.RegisterKind<BlockPayload, DevicePayload>("MemoryBlock", (ref BlockPayload _, ref DevicePayload _) => { });
        Registry.RegisterKind<RangePayload>("MemoryAllocation");
        Registry.RegisterKind<BufferPayload, DevicePayload>("Buffer", (ref BufferPayload _, ref DevicePayload _) => { });
        Registry.RegisterKind<ImagePayload, DevicePayload>("Image", (ref ImagePayload _, ref DevicePayload _) => { });

        ResourceHandle instance = Registry.Create(new InstancePayload { Native = 1 }, name: "vulkan");
        Device = Registry.Create(new DevicePayload { Native = 2 }, instance, "gpu");
        Block = Registry.Create(new BlockPayload { Native = 3 }, Device, "memory block type 2");
        Registry.SetSizeBytes(Block, BlockBytes);
        ResourceHandle images = Registry.Create(new BlockPayload { Native = 4 }, Device, "memory block type 7 images");
        Registry.SetSizeBytes(images, ImageBlockBytes);

        // Block 1: 256 KiB, a 64 KiB hole, 128 KiB, a 64 KiB hole, 256 KiB, then 256 KiB free at the end.
        Place("vertices", Block, 0, 256 << 10, image: false);
        Place("indices", Block, 320 << 10, 128 << 10, image: false);
        Place("uniforms", Block, 512 << 10, 256 << 10, image: false);
        Place("albedo", images, 0, ImageBlockBytes, image: true);
        Registry.Update(0);
    }

    public ResourceRegistry Registry { get; }

    public ResourceHandle Device { get; }

    public ResourceHandle Block { get; }

    /// <summary>A capture with <see cref="SampleScenario.GoldenTime"/>, dependencies included.</summary>
    public ResourceSnapshot Capture()
    {
        ResourceSnapshot live = Registry.CaptureSnapshot();
        return new ResourceSnapshot(live.Frame, SampleScenario.GoldenTime, [.. live.Records], null, [.. live.Dependencies]);
    }

    public void Dispose() => Registry.Dispose();

    private void Place(string name, ResourceHandle block, long offset, long size, bool image)
    {
        ResourceHandle range = Registry.Create(new RangePayload { Offset = (ulong)offset }, Device, name);
        Registry.AddDependency(range, block);
        Registry.SetSizeBytes(range, size);
        Registry.SetPlacement(range, block, offset);
        ResourceHandle user = image
            ? Registry.Create(new ImagePayload { Native = 10 }, range, name)
            : Registry.Create(new BufferPayload { Native = 10 }, range, name);
        Registry.SetSizeBytes(user, size);
    }
}
