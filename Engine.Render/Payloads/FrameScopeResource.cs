namespace Engine.Render.Payloads;

/// <summary>
/// No Vulkan object: a grouping node for one frame's transient resources, so that releasing the
/// scope (cascade) releases everything the frame created.
/// </summary>
public readonly record struct FrameScopeResource(long Frame);
