using Engine.Render.Frames;
using Engine.Resources;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class ChurnTests
{
    private static readonly string[] LifetimeVuids =
    [
        "VUID-vkDestroyBuffer-buffer-00922",
        "VUID-vkDestroyImage-image-01000",
        "VUID-vkDestroyDevice-device-00378",
        "VUID-vkFreeMemory-memory-00677",
        "VUID-vkDestroyImageView-imageView-01026",
        "VUID-vkDestroyDescriptorPool-descriptorPool-00303",
    ];

    [Fact]
    public void Three_hundred_frames_with_two_in_flight_destroy_transients_only_after_their_fence()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { FramesInFlight = 2, Width = 128, Height = 128 });
        int baseline = registry.Count;
        int blocksAtBaseline = session.Vulkan.Memory.LiveBlocks;
        int framesWithWaiting = 0;
        long destroyed = 0;

        for (int frame = 1; frame <= 300; frame++)
        {
            FrameResult result = loop.RenderFrame();
            destroyed += result.Update.Destroyed;
            Assert.Equal((ulong)frame, result.TimelineValue);
            Assert.True(result.CompletedValue < result.TimelineValue);

            // Without telling the registry that new work finished, the frame just released must wait.
            TransientResources released = loop.LastTransients;
            UpdateResult held = registry.Update(loop.Timeline.Completed);
            destroyed += held.Destroyed;
            Assert.True(registry.IsAlive(released.Vertices.Buffer));
            Assert.Equal(ResourceState.WaitingForGpu, registry.StateOf(released.Vertices.Buffer));
            Assert.Equal(ResourceState.WaitingForGpu, registry.StateOf(released.Scratch.Image));
            // Its memory and scope are blocked by the children that wait.
            Assert.Equal(ResourceState.Blocked, registry.StateOf(released.Vertices.Memory));
            Assert.Equal(ResourceState.Blocked, registry.StateOf(released.Scope));
            // Vertex buffer, uniform buffer, descriptor set and scratch image; the pool waits behind its set.
            Assert.True(held.WaitingForGpu >= 4, $"waiting for GPU: {held.WaitingForGpu}");
            framesWithWaiting++;

            // Bounded: at most the frames in flight (plus the one being released) hold transients.
            Assert.InRange(registry.Count, baseline, baseline + (3 * TransientResources.Count));
        }

        TransientResources last = loop.LastTransients;
        destroyed += loop.Drain().Destroyed;

        Assert.False(registry.IsAlive(last.Scope));
        Assert.False(registry.IsAlive(last.Vertices.Buffer));
        // And the default texture's staging buffer with its memory range, released after the first frame.
        Assert.Equal((300 * TransientResources.Count) + 2, destroyed);
        Assert.Equal(300, framesWithWaiting);
        // Every transient is gone; what stays is the memory blocks they were carved from, kept for the next frames.
        // (The baseline held the default texture's staging too.)
        Assert.Equal(baseline - 2 + session.Vulkan.Memory.LiveBlocks - blocksAtBaseline, registry.Count);

        loop.Release();
        TeardownReport report = session.ReleaseAndShutdown();
        Assert.Empty(report.Leaks);
        Assert.Equal(0, registry.Count);
        foreach (string vuid in LifetimeVuids)
        {
            Assert.False(session.Validation.Saw(vuid), vuid);
        }

        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void A_resource_in_flight_survives_until_the_completed_value_reaches_its_submission()
    {
        using var session = new VulkanSession();
        ResourceRegistry registry = session.Registry;
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { FramesInFlight = 3, Width = 64, Height = 64 });
        loop.RenderFrame(); // the default texture's upload arrives; its staging goes with this frame
        loop.Drain();

        FrameResult first = loop.RenderFrame();
        TransientResources transients = loop.LastTransients;
        Assert.Equal(first.TimelineValue, registry.GetInfo(transients.Vertices.Buffer).LastGpuUse);

        // Only the scratch view, which no command used, may go before the submission completes.
        UpdateResult early = registry.Update(first.TimelineValue - 1);
        Assert.Equal(1, early.Destroyed);
        Assert.False(registry.IsAlive(transients.ScratchView));
        Assert.True(registry.IsAlive(transients.Vertices.Buffer));

        loop.Timeline.WaitAll();
        Assert.Equal(first.TimelineValue, loop.Timeline.Completed);
        UpdateResult done = registry.Update(loop.Timeline.Completed);
        Assert.Equal(TransientResources.Count - 1, done.Destroyed);
        Assert.False(registry.IsAlive(transients.Scope));

        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
