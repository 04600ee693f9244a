using Engine.Resources;

namespace Engine.Tests.Core;

/// <summary>
/// Registries for tests that need resources but nothing destroyed with them: payload types registered without a
/// destroy callback, each kind named after its type, so labels read <c>ScopePayload "frame" #0v1</c>. The registry
/// refuses to create an unregistered payload type; these tests register theirs through here.
/// </summary>
public static class PlainRegistry
{
    /// <summary>A registry with every payload of TestPayloads.cs registered as a plain kind.</summary>
    public static ResourceRegistry Create(Serilog.ILogger? logger = null, Action? waitForGpuIdle = null) =>
        new ResourceRegistry(logger, waitForGpuIdle).WithTestPayloads();

    /// <summary>Registers every payload of TestPayloads.cs as a plain kind.</summary>
    public static ResourceRegistry WithTestPayloads(this ResourceRegistry registry) => registry
        .WithPlainKind<InstancePayload>()
        .WithPlainKind<DevicePayload>()
        .WithPlainKind<ScopePayload>()
        .WithPlainKind<BufferPayload>()
        .WithPlainKind<ImagePayload>();

    /// <summary>Registers <typeparamref name="T"/> with no destroy callback, its kind named after the type.</summary>
    public static ResourceRegistry WithPlainKind<T>(this ResourceRegistry registry) where T : struct
    {
        registry.RegisterKind<T>(typeof(T).Name);
        return registry;
    }
}
