using Engine.Render.Frames;
using Engine.Render.Timeline;
using Engine.Resources;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class TimelineTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Submissions_get_increasing_values_and_completion_never_runs_ahead(int framesInFlight)
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { FramesInFlight = framesInFlight, Width = 32, Height = 32 });
        GpuTimeline timeline = loop.Timeline;
        ulong previousCompleted = 0;

        for (int i = 1; i <= 20; i++)
        {
            FrameResult frame = loop.RenderFrame();
            Assert.Equal((ulong)i, frame.TimelineValue);
            Assert.Equal((ulong)i, timeline.LastSubmitted);
            Assert.InRange(timeline.Completed, previousCompleted, timeline.LastSubmitted);
            // BeginFrame waited for the slot's previous submission: never more than N in flight.
            Assert.True(frame.TimelineValue - frame.CompletedValue <= (ulong)framesInFlight, $"{frame.TimelineValue} - {frame.CompletedValue}");
            // The slot's fence is kept alive for the submission it guards.
            Assert.Equal(frame.TimelineValue, session.Registry.GetInfo(timeline.FenceOf(timeline.CurrentSlot)).LastGpuUse);
            previousCompleted = timeline.Completed;
        }

        Assert.Equal(20ul, timeline.WaitAll());
        loop.Drain();
        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Begin_and_submit_must_alternate()
    {
        using var session = new VulkanSession();
        var timeline = new GpuTimeline(session.Vulkan, session.Vulkan.DeviceHandle, 2);
        Assert.Throws<InvalidOperationException>(() => timeline.Submit(default));
        timeline.BeginFrame();
        Assert.Throws<InvalidOperationException>(() => timeline.BeginFrame());

        for (int i = 0; i < 2; i++)
        {
            session.Registry.RequestDestroy(timeline.FenceOf(i));
        }

        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }

    [Fact]
    public void Steady_state_frames_allocate_no_managed_memory()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = 32, Height = 32 });
        for (int i = 0; i < 30; i++)
        {
            loop.RenderFrame();
        }

        // Frames held alive at once, more than any GPU lag can keep (LagWarmup).
        for (int i = 0; i < 12; i++)
        {
            loop.RenderFrame();
            LagWarmup.HoldLastTransients(session.Registry, loop);
        }

        for (int i = 0; i < 30; i++)
        {
            loop.RenderFrame();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            loop.RenderFrame();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        loop.Drain();
        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
