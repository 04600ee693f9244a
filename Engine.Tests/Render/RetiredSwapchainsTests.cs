using Engine.Render.Presentation;
using Engine.Resources;
using Engine.Tests.Core;

namespace Engine.Tests.Render;

/// <summary>
/// The rule for replaced swapchains, driven frame by frame without a driver (lavapipe hands images back at once, so
/// on it the proof always comes early): released at once, never destroyed before an image presented after the
/// replacement is acquired again, destroyed once the submission of the frame that saw it completes.
/// </summary>
public sealed class RetiredSwapchainsTests
{
    private readonly record struct Swapchain;

    private readonly record struct View;

    private static ResourceRegistry NewRegistry() => new ResourceRegistry().WithPlainKind<Swapchain>().WithPlainKind<View>();

    [Fact]
    public void A_retired_swapchain_outlives_every_update_until_the_proof_and_goes_when_that_frame_completes()
    {
        using var registry = NewRegistry();
        ResourceHandle<Swapchain> swapchain = registry.Create(new Swapchain(), name: "old swapchain");
        ResourceHandle<View> view = registry.Create(new View(), swapchain, "old view");
        // Its last frame (value 7) used it.
        registry.MarkInUse(swapchain, 7);
        registry.MarkInUse(view, 7);

        var retired = new RetiredSwapchains();
        registry.RequestDestroy(swapchain, DestroyMode.Cascade);
        retired.Retire(registry, [swapchain, view], frameValue: 8);

        // Frames 8..20: every earlier submission completes before the next frame's update, as fast as a GPU can be,
        // but no image presented after the replacement has come back yet.
        ulong value = 8;
        for (; value <= 20; value++)
        {
            registry.Update(value - 1);
            Assert.True(registry.IsAlive(swapchain), $"destroyed at the update of frame {value}, before the presentation engine was known to be done");
            Assert.True(registry.IsAlive(view));
            retired.OnAcquired(acquiredImageWasPresented: false);
            retired.Hold(registry, value);
        }

        // Frame 21 acquires an image presented at frame 9: the proof. Its own submission (value 21) still comes first.
        registry.Update(value - 1);
        Assert.True(registry.IsAlive(swapchain));
        retired.OnAcquired(acquiredImageWasPresented: true);
        retired.Hold(registry, value);
        Assert.Equal(0, retired.Count);

        registry.Update(20);
        Assert.True(registry.IsAlive(swapchain), "destroyed before the submission of the frame that saw the proof completed");
        registry.Update(21);
        Assert.False(registry.IsAlive(view));
        Assert.False(registry.IsAlive(swapchain));
    }

    [Fact]
    public void Several_generations_are_held_together_and_a_later_proof_frees_them_all()
    {
        using var registry = NewRegistry();
        var retired = new RetiredSwapchains();
        var generations = new List<ResourceHandle<Swapchain>>();
        for (ulong value = 1; value <= 4; value++)
        {
            registry.Update(value - 1);
            ResourceHandle<Swapchain> old = registry.Create(new Swapchain());
            registry.MarkInUse(old, value);
            registry.RequestDestroy(old, DestroyMode.Cascade);
            retired.Retire(registry, [old], value);
            generations.Add(old);
            retired.OnAcquired(false);
            retired.Hold(registry, value);
        }

        Assert.Equal(4, retired.Count);
        registry.Update(4);
        Assert.All(generations, g => Assert.True(registry.IsAlive(g)));
        retired.OnAcquired(true);
        retired.Hold(registry, 5);
        registry.Update(5);
        Assert.All(generations, g => Assert.False(registry.IsAlive(g)));
    }
}
