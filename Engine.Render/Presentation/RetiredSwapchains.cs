using Engine.Render.Timeline;
using Engine.Resources;

namespace Engine.Render.Presentation;

/// <summary>
/// The rule that keeps replaced swapchains (already released) from being destroyed while the presentation engine may
/// still use them, for drivers without present fences (VK_EXT_swapchain_maintenance1). Presents run in queue order, so
/// once an image presented after the replacement is acquired again, every present queued before it has finished.
/// Until then the retired handles are marked in use with the <i>next</i> frame's timeline value each frame, so that no
/// update can destroy them; after it their last mark is the value of the frame that saw the proof, and the registry
/// destroys them when that submission completes.
/// </summary>
public sealed class RetiredSwapchains
{
    private readonly List<ResourceHandle[]> _held = new();
    private readonly GpuUseRecorder _uses = new();

    /// <summary>Retired generations still held.</summary>
    public int Count => _held.Count;

    /// <summary>
    /// Holds the handles of a replaced swapchain (the swapchain and everything below it that presents use), marking them
    /// at once with <paramref name="frameValue"/> + 1 (<paramref name="frameValue"/>: the timeline value of the frame
    /// being recorded), so that no update destroys them even before this frame's <see cref="Hold"/>.
    /// </summary>
    public void Retire(ResourceRegistry registry, ReadOnlySpan<ResourceHandle> handles, ulong frameValue)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.MarkInUse(handles, frameValue + 1);
        _held.Add(handles.ToArray());
    }

    /// <summary>
    /// Call after each acquire: <paramref name="acquiredImageWasPresented"/> is whether the image just acquired from the
    /// current swapchain (created after every retired one) had been presented before.
    /// </summary>
    public void OnAcquired(bool acquiredImageWasPresented)
    {
        if (acquiredImageWasPresented)
        {
            _held.Clear();
        }
    }

    /// <summary>Marks what is still held with <paramref name="frameValue"/> + 1; call once per frame, before its submission.</summary>
    public void Hold(ResourceRegistry registry, ulong frameValue)
    {
        if (_held.Count == 0)
        {
            return;
        }

        foreach (ResourceHandle[] generation in _held)
        {
            foreach (ResourceHandle handle in generation)
            {
                _uses.Use(handle);
            }
        }

        _uses.MarkAll(registry, frameValue + 1);
    }

    /// <summary>At teardown, once the device is idle: nothing needs holding any more.</summary>
    public void Clear() => _held.Clear();
}
