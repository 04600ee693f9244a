using Silk.NET.Vulkan;

namespace Engine.Render.Timeline;

/// <summary>
/// A wait on a timeline semaphore reaching <paramref name="Value"/>, for the commands of a submission from
/// <paramref name="Stage"/> on; <c>default</c> waits for nothing.
/// </summary>
public readonly record struct TimelineWait(Silk.NET.Vulkan.Semaphore Semaphore, ulong Value, PipelineStageFlags Stage);
