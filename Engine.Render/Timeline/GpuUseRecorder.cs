using Engine.Resources;

namespace Engine.Render.Timeline;

/// <summary>
/// Notes the registered resources a command buffer binds or uses while it is recorded, then marks them all with the
/// submission's timeline value in one call (<see cref="ResourceRegistry.MarkInUse(ReadOnlySpan{ResourceHandle}, ulong)"/>)
/// at submit: what the GPU uses is recorded where it is used, not listed again by hand after the fact, so a resource
/// added to the recording cannot be forgotten at submit. Reused frame after frame: allocation-free once it has grown
/// to the largest submission.
/// </summary>
public sealed class GpuUseRecorder
{
    private ResourceHandle[] _used = new ResourceHandle[32];
    private int _count;

    /// <summary>How many uses are noted for the coming submission.</summary>
    public int Count => _count;

    /// <summary>Notes that the command buffer being recorded uses <paramref name="resource"/>.</summary>
    public void Use(ResourceHandle resource)
    {
        if (_count == _used.Length)
        {
            Array.Resize(ref _used, _count * 2);
        }

        _used[_count++] = resource;
    }

    /// <summary>At submit: marks everything noted with <paramref name="timelineValue"/> and starts the next submission.</summary>
    public void MarkAll(ResourceRegistry registry, ulong timelineValue)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.MarkInUse(_used.AsSpan(0, _count), timelineValue);
        _count = 0;
    }
}
