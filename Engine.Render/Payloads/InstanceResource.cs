using Engine.Render.Vulkan;
using Silk.NET.Vulkan;

namespace Engine.Render.Payloads;

/// <summary>
/// The VkInstance, root of a Vulkan tree. It carries the loader API and the messenger so that the
/// instance's own destruction is still observed, and the messenger is released only after it.
/// </summary>
public readonly record struct InstanceResource(Vk Api, Instance Handle, DebugUtilsFunctions DebugUtils, ValidationMessenger Messenger);
