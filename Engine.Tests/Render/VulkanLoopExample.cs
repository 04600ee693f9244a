// docs/vulkan-integration.md shows this file from the line after "example:begin" to "example:end";
// a test checks that the two stay identical and runs the code.
// example:begin
using Engine.Render.Payloads;
using Engine.Render.Timeline;
using Engine.Render.Vulkan;
using Engine.Resources;
using Silk.NET.Vulkan;

public static unsafe class VulkanLoopExample
{
    public static (TeardownReport Report, ValidationCounts Validation) Run(int frames)
    {
        // 1. The registry owns every Vulkan object. Its shutdown first waits for the GPU.
        VulkanContext? vulkan = null;
        var registry = new ResourceRegistry(logger: null, waitForGpuIdle: () => vulkan?.WaitIdle());
        vulkan = VulkanContext.Create(registry, new VulkanContextOptions { Validation = ValidationMode.IfAvailable });
        ResourceHandle device = vulkan.DeviceHandle;

        // 2. Long-lived objects hang below the device; two frames in flight, one fence each.
        var timeline = new GpuTimeline(vulkan, device, framesInFlight: 2);
        ResourceHandle<CommandPoolResource> pool = vulkan.Resources.CreateCommandPool(device, "commands");
        var commandBuffers = new ResourceHandle<CommandBufferResource>[timeline.FramesInFlight];
        for (int i = 0; i < commandBuffers.Length; i++)
        {
            commandBuffers[i] = vulkan.Resources.AllocateCommandBuffer(pool, "frame commands");
        }

        for (long frame = 1; frame <= frames; frame++)
        {
            // 3. Frame update: wait for this slot's fence, then destroy whatever the GPU has finished with.
            ulong completed = timeline.BeginFrame();
            registry.Update(completed);

            // 4. Transient resources go under a per-frame scope.
            ResourceHandle<FrameScopeResource> scope = vulkan.Resources.CreateFrameScope(device, frame, "frame");
            BoundBuffer scratch = vulkan.Resources.CreateBoundBuffer(
                scope, 4096, BufferUsageFlags.TransferDstBit, MemoryPropertyFlags.DeviceLocalBit, "scratch");

            ResourceHandle<CommandBufferResource> cmdHandle = commandBuffers[timeline.CurrentSlot];
            CommandBuffer cmd = registry.Get(cmdHandle).Handle;
            var begin = new CommandBufferBeginInfo { SType = StructureType.CommandBufferBeginInfo, Flags = CommandBufferUsageFlags.OneTimeSubmitBit };
            vulkan.Api.BeginCommandBuffer(cmd, &begin);
            vulkan.Api.CmdFillBuffer(cmd, scratch.RawBuffer, 0, 4096, (uint)frame);
            vulkan.Api.EndCommandBuffer(cmd);

            // 5. MarkInUse: everything the submission touches, with the value it will get.
            ulong value = timeline.NextValue;
            registry.MarkInUse(scratch.Buffer, value);
            registry.MarkInUse(cmdHandle, value);
            var submit = new SubmitInfo { SType = StructureType.SubmitInfo, CommandBufferCount = 1, PCommandBuffers = &cmd };
            timeline.Submit(submit);

            // 6. Release at once: the buffer is destroyed after `value` completes, then its memory, then the scope.
            registry.RequestDestroy(scope, DestroyMode.Cascade);
        }

        // 7. Shutdown: release what we own, let the last frames finish, and read the report.
        registry.RequestDestroy(pool, DestroyMode.Cascade);
        for (int i = 0; i < timeline.FramesInFlight; i++)
        {
            registry.RequestDestroy(timeline.FenceOf(i));
        }

        vulkan.Release();
        registry.Update(timeline.WaitAll());
        TeardownReport report = registry.Shutdown();
        return (report, vulkan.Validation.Counts);
    }
}
// example:end
