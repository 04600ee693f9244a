using Engine.Render.Frames;

namespace Engine.Tests.Render;

[Collection(VulkanCollection.Name)]
public sealed class RenderOutputTests
{
    [Fact]
    public void The_triangle_is_drawn_over_the_clear_colour()
    {
        using var session = new VulkanSession();
        var loop = new HeadlessFrameLoop(session.Vulkan, new FrameLoopOptions { Width = 96, Height = 96 });
        loop.RenderFrame();
        loop.RenderFrame(capture: true);
        byte[] pixels = loop.ReadCapturedPixels();

        Assert.Equal(96 * 96 * 4, pixels.Length);
        // Corner: the clear colour (0.05, 0.05, 0.08) in UNORM.
        Assert.Equal(new byte[] { 13, 13, 20, 255 }, pixels[..4]);
        // Centre: inside the triangle, a blend of its vertex colours, far brighter than the background.
        int centre = ((48 * 96) + 48) * 4;
        Assert.True(pixels[centre] + pixels[centre + 1] + pixels[centre + 2] > 150, $"centre pixel {pixels[centre]},{pixels[centre + 1]},{pixels[centre + 2]}");
        Assert.Equal(255, pixels[centre + 3]);

        loop.Drain();
        loop.Release();
        Assert.Empty(session.ReleaseAndShutdown().Leaks);
        VulkanSession.AssertNoValidationMessages(session.Validation);
    }
}
