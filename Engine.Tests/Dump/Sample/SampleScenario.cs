using Engine.Resources;
using Engine.Resources.Snapshots;

namespace Engine.Tests.Dump.Sample;

/// <summary>
/// A small engine's resources in a real registry: an instance with a device, a window with a swapchain,
/// then a cascade on the device that gets stuck on a GPU wait, a faulted buffer and an explicit-release image.
/// The checked-in golden snapshots are captures of this scenario.
/// </summary>
public sealed class SampleScenario : IDisposable
{
    /// <summary>Fixed capture time for the checked-in files, so regenerating them is byte-for-byte stable.</summary>
    public static readonly DateTime GoldenTime = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    public SampleScenario()
    {
        Registry = new ResourceRegistry();
        Registry.RegisterKind<InstancePayload>("Instance", (ref InstancePayload _) => { });
        Registry.RegisterKind<DevicePayload>("Device", (ref DevicePayload _) => { });
        Registry.RegisterKind<SurfacePayload>("Surface", (ref SurfacePayload _) => { });
        Registry.RegisterKind<SwapchainPayload>("Swapchain", (ref SwapchainPayload _) => { });
        Registry.RegisterKind<CommandPoolPayload, DevicePayload>("CommandPool", (ref CommandPoolPayload _, ref DevicePayload _) => { });
        Registry.RegisterKind<CommandBufferPayload, CommandPoolPayload>("CommandBuffer", (ref CommandBufferPayload _, ref CommandPoolPayload _) => { });
        Registry.RegisterKind<BufferPayload, DevicePayload>("Buffer", (ref BufferPayload b, ref DevicePayload _) =>
        {
            if (b.FailOnDestroy)
            {
                throw new InvalidOperationException("vkDestroyBuffer: device lost");
            }
        });
        Registry.RegisterKind<ImagePayload, DevicePayload>("Image", (ref ImagePayload _, ref DevicePayload _) => { });
        Registry.RegisterKind<ImageViewPayload, DevicePayload>("ImageView", (ref ImageViewPayload _, ref DevicePayload _) => { });
        Registry.RegisterKind<FencePayload, DevicePayload>("Fence", (ref FencePayload _, ref DevicePayload _) => { });

        Instance = Registry.Create(new InstancePayload { Native = 1 }, name: "vulkan");
        Device = Registry.Create(new DevicePayload { Native = 2 }, Instance, "gpu");
        ResourceHandle pool = Registry.Create(new CommandPoolPayload { Native = 3 }, Device, "frame pool");
        Registry.Create(new CommandBufferPayload { Native = 4 }, pool, "frame 0 commands");
        Registry.Create(new CommandBufferPayload { Native = 5 }, pool, "frame 1 commands");
        Sized(Registry.Create(new BufferPayload { Native = 6 }, Device, "vertices"), 65_536);
        Sized(Registry.Create(new BufferPayload { Native = 7 }, Device, "indices"), 16_384);
        Staging = Registry.Create(new BufferPayload { Native = 8 }, Device, "staging");
        Sized(Staging, 1 << 20);
        Registry.Update(0);
        ResourceHandle albedo = Registry.Create(new ImagePayload { Native = 9 }, Device, "albedo");
        Sized(albedo, 4 << 20);
        Registry.Create(new ImageViewPayload { Native = 10 }, albedo, "albedo view");
        ShadowMap = Registry.Create(new ImagePayload { Native = 11 }, Device, "shadow map", ResourceFlags.ExplicitRelease);
        Sized(ShadowMap, 2 << 20);
        Cursed = Registry.Create(new BufferPayload { Native = 12, FailOnDestroy = true }, Device, "readback");
        Registry.Create(new FencePayload { Native = 13 }, Device, "frame fence");
        Registry.Update(0);

        ResourceHandle surface = Registry.Create(new SurfacePayload { Native = 14 }, name: "main window");
        Registry.Create(new SwapchainPayload { Native = 15 }, surface, "swapchain");
        Registry.Update(0);
        Registry.MarkInUse(Staging, 10);
    }

    public ResourceRegistry Registry { get; }

    public ResourceHandle Instance { get; }

    public ResourceHandle Device { get; }

    public ResourceHandle Staging { get; }

    public ResourceHandle ShadowMap { get; }

    public ResourceHandle Cursed { get; }

    /// <summary>Requests the device's cascade and runs one update in which GPU work up to value 5 has completed.</summary>
    public void CascadeDevice()
    {
        Registry.RequestDestroy(Device, DestroyMode.Cascade);
        Registry.Update(5);
    }

    /// <summary>A capture with <see cref="GoldenTime"/> instead of the wall clock.</summary>
    public ResourceSnapshot Capture()
    {
        ResourceSnapshot live = Registry.CaptureSnapshot();
        return new ResourceSnapshot(live.Frame, GoldenTime, [.. live.Records]);
    }

    public void Dispose()
    {
        // The faulted buffer would keep its device blocked through teardown; give up on it as an engine would.
        if (Registry.IsAlive(Cursed) && Registry.StateOf(Cursed) == ResourceState.Faulted)
        {
            Registry.Abandon(Cursed);
        }

        Registry.Dispose();
    }

    private void Sized(ResourceHandle handle, long bytes) => Registry.SetSizeBytes(handle, bytes);
}
